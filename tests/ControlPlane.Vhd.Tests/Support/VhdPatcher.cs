using System.Buffers.Binary;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Tests.Support;

/// <summary>Edits raw VHD bytes to build hostile files, optionally fixing the checksums so deeper checks are reached.</summary>
public static class VhdPatcher
{
    public static void PatchBoth(string path, Action<byte[]> patchFooter)
    {
        byte[] file = File.ReadAllBytes(path);
        foreach (int at in new[] { 0, file.Length - 512 })
        {
            byte[] footer = file[at..(at + 512)];
            patchFooter(footer);
            FixFooterChecksum(footer);
            footer.CopyTo(file, at);
        }

        File.WriteAllBytes(path, file);
    }

    public static void PatchHeader(string path, Action<byte[]> patch)
    {
        byte[] file = File.ReadAllBytes(path);
        byte[] header = file[512..1536];
        patch(header);
        FixHeaderChecksum(header);
        header.CopyTo(file, 512);
        File.WriteAllBytes(path, file);
    }

    public static void PatchBatEntry(string path, int index, uint value)
    {
        byte[] file = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(1536 + index * 4), value);
        File.WriteAllBytes(path, file);
    }

    public static uint ReadBatEntry(string path, int index) =>
        BinaryPrimitives.ReadUInt32BigEndian(File.ReadAllBytes(path).AsSpan(1536 + index * 4));

    public static void FixFooterChecksum(Span<byte> footer) =>
        BinaryPrimitives.WriteUInt32BigEndian(footer[64..], VhdChecksum.Compute(footer[..512], 64));

    public static void FixHeaderChecksum(Span<byte> header) =>
        BinaryPrimitives.WriteUInt32BigEndian(header[36..], VhdChecksum.Compute(header[..1024], 36));
}
