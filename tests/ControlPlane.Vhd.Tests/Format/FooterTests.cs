using System.Buffers.Binary;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Tests.Format;

public sealed class FooterTests
{
    private static VhdFooter Sample() => new VhdFooter
    {
        DataOffset = 512,
        Timestamp = 849000000,
        OriginalSize = 1 << 30,
        CurrentSize = 2L << 30,
        Geometry = VhdGeometry.FromSize(2L << 30),
        DiskType = VhdDiskType.Dynamic,
        UniqueId = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"),
        SavedState = true,
        Hidden = true,
    }.WithComputedChecksum();

    [Fact]
    public void Round_trip_preserves_every_field()
    {
        VhdFooter footer = Sample();
        VhdFooter parsed = VhdFooter.Parse(footer.ToBytes());
        Assert.Equal(footer, parsed);
    }

    [Fact]
    public void Fields_sit_at_the_spec_offsets_big_endian()
    {
        byte[] b = Sample().ToBytes();
        Assert.Equal("conectix"u8.ToArray(), b[..8]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8)));
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(12)));
        Assert.Equal(512ul, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(16)));
        Assert.Equal(849000000u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(24)));
        Assert.Equal("tap\0"u8.ToArray(), b[28..32]);
        Assert.Equal(0x00010003u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(32)));
        Assert.Equal(1ul << 30, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(40)));
        Assert.Equal(2ul << 30, BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(48)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(60)));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), b[68..84]);
        Assert.Equal(1, b[84]);
        Assert.Equal(1, b[85]);
        Assert.All(b[86..], x => Assert.Equal(0, x));
    }

    [Fact]
    public void Checksum_is_ones_complement_of_byte_sum_without_the_field()
    {
        byte[] b = Sample().ToBytes();
        uint sum = 0;
        for (int i = 0; i < 512; i++)
        {
            sum += i is >= 64 and < 68 ? 0u : b[i];
        }

        Assert.Equal(~sum, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(64)));
    }

    [Theory]
    [InlineData(0, VhdErrorCode.BadFooterCookie)]
    [InlineData(70, VhdErrorCode.FooterChecksumMismatch)]
    public void Corruption_is_a_typed_error(int offset, VhdErrorCode expected)
    {
        byte[] b = Sample().ToBytes();
        b[offset] ^= 0x40;
        var e = Assert.Throws<VhdFormatException>(() => VhdFooter.Parse(b));
        Assert.Equal(expected, e.Reason);
    }

    [Fact]
    public void Unknown_disk_type_and_oversize_are_refused()
    {
        byte[] typed = (Sample() with { DiskType = (VhdDiskType)5 }).ToBytes();
        Assert.Equal(VhdErrorCode.UnsupportedDiskType, Assert.Throws<VhdFormatException>(() => VhdFooter.Parse(typed)).Reason);
        byte[] huge = (Sample() with { CurrentSize = (3UL << 40) }).ToBytes();
        Assert.Equal(VhdErrorCode.InvalidSize, Assert.Throws<VhdFormatException>(() => VhdFooter.Parse(huge)).Reason);
        Assert.Equal(VhdErrorCode.Truncated, Assert.Throws<VhdFormatException>(() => VhdFooter.Parse(new byte[100])).Reason);
    }

    [Fact]
    public void Legacy_tap_checksum_computed_with_hidden_zero_is_accepted()
    {
        VhdFooter legacy = Sample() with { CreatorVersion = 0x00010001, Hidden = false };
        byte[] b = legacy.ToBytes();
        b[85] = 1; // hidden set after the checksum was computed, as old blktap did
        Assert.True(VhdFooter.Parse(b).Hidden);
    }

    [Fact]
    public void Timestamps_count_seconds_from_2000()
    {
        Assert.Equal(0u, VhdTimestamp.FromDateTime(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(86400u, VhdTimestamp.FromDateTime(new DateTimeOffset(2000, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), VhdTimestamp.ToDateTime(VhdTimestamp.FromDateTime(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal(0u, VhdTimestamp.FromDateTime(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
