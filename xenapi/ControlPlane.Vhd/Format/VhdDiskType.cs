namespace ControlPlane.Vhd.Format;

/// <summary>The footer's disk type field.</summary>
public enum VhdDiskType : uint
{
    None = 0,
    Fixed = 2,
    Dynamic = 3,
    Differencing = 4,
}
