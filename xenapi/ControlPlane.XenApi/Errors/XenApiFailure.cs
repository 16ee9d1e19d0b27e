namespace ControlPlane.XenApi.Errors;

/// <summary>
/// A XenAPI-level failure: XAPI's <c>ErrorDescription</c> (XML-RPC), JSON-RPC v1 <c>error</c> array,
/// JSON-RPC v2 <c>error.message</c> + <c>error.data</c>, or a task's <c>error_info</c>.
/// Element 0 is the code (see <see cref="XenApiErrorCodes"/>), the rest its parameters.
/// </summary>
public sealed class XenApiFailure : Exception
{
    public XenApiFailure(string code, IReadOnlyList<string> parameters)
        : base(Describe(code, parameters))
    {
        Code = code;
        Parameters = parameters;
    }

    public XenApiFailure(IReadOnlyList<string> errorDescription)
        : this(errorDescription.Count > 0 ? errorDescription[0] : XenApiErrorCodes.InternalError,
               errorDescription.Count > 1 ? [.. errorDescription.Skip(1)] : [])
    {
    }

    /// <summary>The XAPI error code, e.g. <c>VM_BAD_POWER_STATE</c>.</summary>
    public string Code { get; }

    /// <summary>The error's parameters, in XAPI's order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Code followed by parameters, exactly as on the wire.</summary>
    public IReadOnlyList<string> ErrorDescription => [Code, .. Parameters];

    /// <summary>True for any <c>SR_BACKEND_FAILURE</c> or <c>SR_BACKEND_FAILURE_&lt;n&gt;</c>.</summary>
    public bool IsSrBackendFailure => Code.StartsWith(XenApiErrorCodes.SrBackendFailure, StringComparison.Ordinal);

    /// <summary>The SM error number of an <c>SR_BACKEND_FAILURE_&lt;n&gt;</c> code, or null.</summary>
    public int? SrBackendFailureNumber =>
        Code.StartsWith(XenApiErrorCodes.SrBackendFailure + "_", StringComparison.Ordinal)
        && int.TryParse(Code.AsSpan(XenApiErrorCodes.SrBackendFailure.Length + 1), out var n) ? n : null;

    private static string Describe(string code, IReadOnlyList<string> parameters) =>
        parameters.Count == 0 ? code : $"{code}: [{string.Join(", ", parameters)}]";
}
