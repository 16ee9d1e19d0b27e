using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Tests.Format;

public sealed class GeometryTests
{
    [Theory]
    [InlineData(10L << 20, 301, 4, 17)]
    [InlineData(100L << 20, 1003, 12, 17)]
    [InlineData(12603392L, 362, 4, 17)]
    [InlineData(1L << 30, 2080, 16, 63)]
    [InlineData(4L << 30, 8322, 16, 63)]
    [InlineData(65535L * 16 * 63 * 512, 16191, 16, 255)]
    [InlineData(2L << 40, 65535, 16, 255)]
    [InlineData(1L, 0, 4, 17)]
    public void Chs_matches_known_values(long size, int cylinders, int heads, int sectors)
    {
        VhdGeometry g = VhdGeometry.FromSize(size);
        Assert.Equal(new VhdGeometry((ushort)cylinders, (byte)heads, (byte)sectors), g);
    }

    [Fact]
    public void Encoding_packs_cylinders_heads_sectors()
    {
        var g = new VhdGeometry(2080, 16, 63);
        Assert.Equal(0x0820103Fu, g.Encoded);
        Assert.Equal(g, VhdGeometry.Decode(g.Encoded));
    }
}
