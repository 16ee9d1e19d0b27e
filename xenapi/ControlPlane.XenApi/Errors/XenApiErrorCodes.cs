namespace ControlPlane.XenApi.Errors;

/// <summary>XAPI error codes (datamodel_errors.ml) that callers of this library branch on.</summary>
public static class XenApiErrorCodes
{
    public const string SessionInvalid = "SESSION_INVALID";
    public const string SessionAuthenticationFailed = "SESSION_AUTHENTICATION_FAILED";
    public const string HostIsSlave = "HOST_IS_SLAVE";
    public const string HandleInvalid = "HANDLE_INVALID";
    public const string UuidInvalid = "UUID_INVALID";
    public const string MessageMethodUnknown = "MESSAGE_METHOD_UNKNOWN";
    public const string MessageParameterCountMismatch = "MESSAGE_PARAMETER_COUNT_MISMATCH";
    public const string VmBadPowerState = "VM_BAD_POWER_STATE";
    public const string OperationBlocked = "OPERATION_BLOCKED";
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
    public const string OtherOperationInProgress = "OTHER_OPERATION_IN_PROGRESS";
    public const string VmIsTemplate = "VM_IS_TEMPLATE";
    public const string VmMissingPvDrivers = "VM_MISSING_PV_DRIVERS";
    public const string DeviceAlreadyDetached = "DEVICE_ALREADY_DETACHED";
    public const string DeviceAlreadyAttached = "DEVICE_ALREADY_ATTACHED";
    public const string DeviceDetachRejected = "DEVICE_DETACH_REJECTED";
    public const string VbdNotUnpluggable = "VBD_NOT_UNPLUGGABLE";
    public const string VdiInUse = "VDI_IN_USE";
    public const string VdiMissing = "VDI_MISSING";
    public const string SrFull = "SR_FULL";
    public const string SrBackendFailure = "SR_BACKEND_FAILURE";
    public const string XenApiMissingPlugin = "XENAPI_MISSING_PLUGIN";
    public const string XenApiPluginFailure = "XENAPI_PLUGIN_FAILURE";
    public const string TaskCancelled = "TASK_CANCELLED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string MapDuplicateKey = "MAP_DUPLICATE_KEY";
    public const string FieldTypeError = "FIELD_TYPE_ERROR";
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>SM error 40 (SRScan); Nova retries SR.scan on it.</summary>
    public const string SrBackendFailureScan = "SR_BACKEND_FAILURE_40";

    /// <summary>SM error 44 (SRNoSpace).</summary>
    public const string SrBackendFailureNoSpace = "SR_BACKEND_FAILURE_44";

    /// <summary>SM error 79 (VDISize), e.g. a shrink attempt.</summary>
    public const string SrBackendFailureVdiSize = "SR_BACKEND_FAILURE_79";

    /// <summary>SM error 109 (SnapshotChainTooLong).</summary>
    public const string SrBackendFailureChainTooLong = "SR_BACKEND_FAILURE_109";
}
