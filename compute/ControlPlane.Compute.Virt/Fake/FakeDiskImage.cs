using System.Security.Cryptography;
using System.Text;
using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// The FakeDriver's disk image of an instance as sent during a migration: a text header naming the instance, then
/// 64 KiB of bytes derived from the instance id (SHA-256 in counter mode), so a receiver can check that the bytes it got
/// are exactly the image of that instance.
/// </summary>
public static class FakeDiskImage
{
    private const int BodyBytes = 64 * 1024;

    /// <summary>The image of <paramref name="instance"/>.</summary>
    public static byte[] For(VirtInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var header = Encoding.ASCII.GetBytes($"FAKEDISK {instance.InstanceId:D}\n");
        var image = new byte[header.Length + BodyBytes];
        header.CopyTo(image, 0);
        var seed = instance.InstanceId.ToByteArray();
        Span<byte> block = stackalloc byte[20];
        for (var offset = 0; offset < BodyBytes; offset += 32)
        {
            seed.CopyTo(block);
            BitConverter.TryWriteBytes(block[16..], offset);
            SHA256.HashData(block, image.AsSpan(header.Length + offset, 32));
        }
        return image;
    }

    /// <summary>True when <paramref name="bytes"/> is exactly the image of <paramref name="instance"/>.</summary>
    public static bool IsImageOf(ReadOnlySpan<byte> bytes, VirtInstance instance) => bytes.SequenceEqual(For(instance));

    /// <summary>The virtual size the image stands for: the instance's root disk (1 GiB for a 0 GB root).</summary>
    public static long VirtualSize(VirtInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Math.Max(instance.RootGb, 1) * (1L << 30);
    }
}
