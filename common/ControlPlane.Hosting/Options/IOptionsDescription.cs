namespace ControlPlane.Hosting.Options;

/// <summary>One options type registered through <c>AddValidatedOptions</c>, described for the start-up log.</summary>
public interface IOptionsDescription
{
    /// <summary>The options class name.</summary>
    string OptionsType { get; }

    /// <summary>The configuration section it binds.</summary>
    string Section { get; }

    /// <summary>The effective (bound and validated) values, secrets redacted.</summary>
    string Describe();
}
