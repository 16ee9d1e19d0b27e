namespace ControlPlane.Vhd.Tests.Support;

/// <summary>Helpers shared by the disk tests: deterministic data and whole-disk reads.</summary>
public static class DiskModel
{
    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static byte[] ReadAll(Chains.VhdDisk disk)
    {
        var all = new byte[disk.VirtualSize];
        Assert.Equal(all.Length, disk.Read(0, all));
        return all;
    }

    /// <summary>Asserts equality and reports the first differing offset instead of dumping megabytes.</summary>
    public static void AssertSameBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int diff = expected.CommonPrefixLength(actual);
        Assert.True(diff == expected.Length, $"bytes differ at offset {diff} (expected 0x{(diff < expected.Length ? expected[diff] : 0):x2}, got 0x{(diff < actual.Length ? actual[diff] : 0):x2})");
    }
}
