using Microsoft.Extensions.Options;
using Npgsql;

namespace ControlPlane.Data.Configuration;

/// <summary>Validates each database's <see cref="PostgresDatabaseOptions"/> at start.</summary>
/// <param name="name">Registration name of the database.</param>
/// <param name="connectionStringName">Its connection string name, for error messages.</param>
internal sealed class PostgresDatabaseOptionsValidator(string name, string connectionStringName) : IValidateOptions<PostgresDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, PostgresDatabaseOptions options)
    {
        if (optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:{connectionStringName} is required (e.g. Host=127.0.0.1;Port=5432;Database={name};Username=...;Password=...).");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                // NOTE(platform): the parser's message may quote the value, which can hold a password.
                failures.Add($"ConnectionStrings:{connectionStringName} is not a valid Npgsql connection string.");
            }
        }
        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Database:{name}:StartupTimeout must be between 0 and 10 min (got {options.StartupTimeout}).");
        }
        if (options.HealthCheckTimeout < TimeSpan.FromMilliseconds(100) || options.HealthCheckTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Database:{name}:HealthCheckTimeout must be between 100 ms and 1 min (got {options.HealthCheckTimeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
