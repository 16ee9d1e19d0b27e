namespace ControlPlane.Vhd.Format;

/// <summary>Parent locator platform codes (big-endian FourCCs).</summary>
public enum VhdPlatformCode : uint
{
    None = 0,
    /// <summary>Deprecated Windows relative path.</summary>
    Wi2r = 0x57693272,
    /// <summary>Deprecated Windows absolute path.</summary>
    Wi2k = 0x5769326B,
    /// <summary>Windows relative path, UTF-16LE.</summary>
    W2ru = 0x57327275,
    /// <summary>Windows absolute path, UTF-16LE.</summary>
    W2ku = 0x57326B75,
    /// <summary>Mac alias blob.</summary>
    Mac = 0x4D616320,
    /// <summary>Mac OS X file URL, UTF-8.</summary>
    MacX = 0x4D616358,
}
