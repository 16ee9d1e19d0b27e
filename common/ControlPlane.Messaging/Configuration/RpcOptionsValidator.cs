using Microsoft.Extensions.Options;

namespace ControlPlane.Messaging.Configuration;

/// <summary>Validates <see cref="RpcOptions"/> at start; each failure names the option and the allowed range.</summary>
public sealed class RpcOptionsValidator : IValidateOptions<RpcOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RpcOptions options)
    {
        var failures = new List<string>();
        if (options.RpcResponseTimeout < TimeSpan.FromMilliseconds(1) || options.RpcResponseTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"Rpc:RpcResponseTimeout must be between 1 ms and 1 h (got {options.RpcResponseTimeout}).");
        }
        if (options.PrefetchCount is < 1 or > 1000)
        {
            failures.Add($"Rpc:PrefetchCount must be between 1 and 1000 (got {options.PrefetchCount}).");
        }
        if (options.ReconnectDelay < TimeSpan.FromMilliseconds(100) || options.ReconnectDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Rpc:ReconnectDelay must be between 100 ms and 5 min (got {options.ReconnectDelay}).");
        }
        if (options.RecoveryWaitTimeout < TimeSpan.Zero || options.RecoveryWaitTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Rpc:RecoveryWaitTimeout must be between 0 and 10 min (got {options.RecoveryWaitTimeout}).");
        }
        if (options.MaxRedeliveries is < 0 or > 10)
        {
            failures.Add($"Rpc:MaxRedeliveries must be between 0 and 10 (got {options.MaxRedeliveries}).");
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionName) || options.ConnectionName.Length > 200)
        {
            failures.Add("Rpc:ConnectionName must be 1 to 200 characters.");
        }
        if (string.IsNullOrWhiteSpace(options.PublisherId) || options.PublisherId.Length > 200)
        {
            failures.Add("Rpc:PublisherId must be 1 to 200 characters.");
        }
        if (options.SupervisionInterval < TimeSpan.FromMilliseconds(100) || options.SupervisionInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Rpc:SupervisionInterval must be between 100 ms and 5 min (got {options.SupervisionInterval}).");
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionStrings:rabbitmq is required (an AMQP URI such as amqp://user:password@127.0.0.1:5672/).");
        }
        else if (!Uri.TryCreate(options.ConnectionString, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            failures.Add("ConnectionStrings:rabbitmq must be an absolute amqp:// or amqps:// URI.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
