namespace ControlPlane.XenApi.Enums;

/// <summary>task <c>status</c> (wire, lower case: <c>pending</c>, <c>success</c>, <c>failure</c>, <c>cancelling</c>, <c>cancelled</c>).</summary>
public enum XenTaskStatus { Unknown, Pending, Success, Failure, Cancelling, Cancelled }
