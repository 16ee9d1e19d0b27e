namespace ControlPlane.Hosting.Options;

/// <summary>
/// Marks an options property whose value must never be logged (passwords, secrets, connection
/// strings, tokens). The start-up options dump prints <c>***</c> instead. Properties whose name
/// contains Password, Secret, ConnectionString, Token or ApiKey are redacted even without it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class RedactedAttribute : Attribute;
