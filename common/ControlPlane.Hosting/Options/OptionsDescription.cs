using Microsoft.Extensions.Options;

namespace ControlPlane.Hosting.Options;

/// <summary>Describes the effective value of <typeparamref name="TOptions"/> with secrets redacted.</summary>
internal sealed class OptionsDescription<TOptions>(IOptions<TOptions> options, string section) : IOptionsDescription
    where TOptions : class
{
    public string OptionsType => typeof(TOptions).Name;

    public string Section => section;

    public string Describe() => OptionsFormatter.Format(options.Value);
}
