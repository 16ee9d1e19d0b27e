using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>An <see cref="IProgress{T}"/> that records each report on the calling thread (no synchronisation context hop).</summary>
public sealed class RecordingProgress(List<ResizeProgress> into) : IProgress<ResizeProgress>
{
    /// <inheritdoc />
    public void Report(ResizeProgress value)
    {
        lock (into)
        {
            into.Add(value);
        }
    }
}
