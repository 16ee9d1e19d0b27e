using System.Buffers.Binary;
using System.Text;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Tests.Format;

public sealed class HeaderTests
{
    private static VhdDynamicHeader Sample()
    {
        var locators = new VhdParentLocator[8];
        locators[0] = new VhdParentLocator(VhdPlatformCode.MacX, 1024, 20, 0, 3072);
        locators[1] = new VhdParentLocator(VhdPlatformCode.W2ku, 1024, 28, 0, 4096);
        locators[2] = new VhdParentLocator(VhdPlatformCode.W2ru, 1024, 28, 0, 5120);
        return new VhdDynamicHeader
        {
            TableOffset = 1536,
            MaxTableEntries = 512,
            BlockSize = 2 << 20,
            ParentUniqueId = Guid.Parse("a0a1a2a3-b0b1-c0c1-d0d1-e0e1e2e3e4e5"),
            ParentTimestamp = 12345,
            ParentUnicodeName = "bäse.vhd",
            ParentLocators = locators,
        };
    }

    [Fact]
    public void Round_trip_preserves_fields_and_locators()
    {
        VhdDynamicHeader header = Sample();
        byte[] bytes = header.ToBytes();
        VhdDynamicHeader parsed = VhdDynamicHeader.Parse(bytes);
        Assert.Equal(header.TableOffset, parsed.TableOffset);
        Assert.Equal(header.MaxTableEntries, parsed.MaxTableEntries);
        Assert.Equal(header.BlockSize, parsed.BlockSize);
        Assert.Equal(header.ParentUniqueId, parsed.ParentUniqueId);
        Assert.Equal(header.ParentTimestamp, parsed.ParentTimestamp);
        Assert.Equal(header.ParentUnicodeName, parsed.ParentUnicodeName);
        Assert.Equal(header.ParentLocators, parsed.ParentLocators);
        Assert.Equal(bytes, parsed.ToBytes());
    }

    [Fact]
    public void Layout_matches_the_spec()
    {
        byte[] b = Sample().ToBytes();
        Assert.Equal("cxsparse"u8.ToArray(), b[..8]);
        Assert.Equal(ulong.MaxValue, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(8)));
        Assert.Equal(1536ul, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(16)));
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(24)));
        Assert.Equal(512u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(28)));
        Assert.Equal(2u << 20, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(32)));
        Assert.Equal(new byte[] { 0xa0, 0xa1, 0xa2, 0xa3, 0xb0, 0xb1, 0xc0, 0xc1 }, b[40..48]);
        Assert.Equal(Encoding.BigEndianUnicode.GetBytes("bäse.vhd"), b[64..80]);
        Assert.Equal(0x4D616358u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(576)));
        Assert.Equal(3072ul, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(576 + 16)));
        Assert.Equal(0x57326B75u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(600)));
        Assert.All(b[768..], x => Assert.Equal(0, x));
        uint sum = 0;
        for (int i = 0; i < 1024; i++)
        {
            sum += i is >= 36 and < 40 ? 0u : b[i];
        }

        Assert.Equal(~sum, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(36)));
    }

    [Theory]
    [InlineData(3, VhdErrorCode.BadHeaderCookie)]
    [InlineData(100, VhdErrorCode.HeaderChecksumMismatch)]
    public void Corruption_is_a_typed_error(int offset, VhdErrorCode expected)
    {
        byte[] b = Sample().ToBytes();
        b[offset] ^= 0x11;
        Assert.Equal(expected, Assert.Throws<VhdFormatException>(() => VhdDynamicHeader.Parse(b)).Reason);
    }

    [Theory]
    [InlineData(3u << 20)]
    [InlineData(1024u)]
    [InlineData(64u << 20)]
    public void Bad_block_sizes_are_refused(uint blockSize)
    {
        byte[] b = (Sample() with { BlockSize = blockSize }).ToBytes();
        Assert.Equal(VhdErrorCode.InvalidBlockSize, Assert.Throws<VhdFormatException>(() => VhdDynamicHeader.Parse(b)).Reason);
    }

    [Fact]
    public void Huge_table_is_refused()
    {
        byte[] b = (Sample() with { MaxTableEntries = uint.MaxValue }).ToBytes();
        Assert.Equal(VhdErrorCode.InvalidTable, Assert.Throws<VhdFormatException>(() => VhdDynamicHeader.Parse(b)).Reason);
    }

    [Theory]
    [InlineData(512u, 512L)]
    [InlineData(1u, 512L)]
    [InlineData(1024u, 1024L)]
    [InlineData(700u, -1L)]
    public void Locator_data_space_follows_libvhd_sector_or_byte_rule(uint space, long expected) =>
        Assert.Equal(expected, new VhdParentLocator(VhdPlatformCode.W2ku, space, 1, 0, 0).DataSpaceBytes);
}
