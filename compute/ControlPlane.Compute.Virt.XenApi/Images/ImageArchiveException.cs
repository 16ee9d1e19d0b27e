namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>An image archive or the VHD chain inside it is malformed or hostile. The message names the problem.</summary>
public sealed class ImageArchiveException(string message, Exception? inner = null) : Exception(message, inner);
