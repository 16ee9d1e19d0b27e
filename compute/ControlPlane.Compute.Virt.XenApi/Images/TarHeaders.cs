using System.Globalization;
using System.Text;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// The 512-byte records of a POSIX tar written by hand, so that a member can be streamed from a source whose
/// size is known but which cannot seek: a ustar header (mode 0644, owner 0:0), plus a pax extended header
/// carrying <c>size</c> when the size does not fit ustar's 11 octal digits (8 GiB and above). Data is padded to
/// 512 bytes and the archive ends with two zero records, as POSIX asks.
/// </summary>
public static class TarHeaders
{
    /// <summary>Size of a tar record.</summary>
    public const int RecordSize = 512;

    /// <summary>Largest size ustar's 12-byte field holds (8 GiB - 1).</summary>
    public const long MaxUstarSize = (1L << 33) - 1;

    /// <summary>The records announcing a regular file <paramref name="name"/> of <paramref name="size"/> bytes.</summary>
    public static byte[] ForRegularFile(string name, long size, DateTimeOffset modified)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (string.IsNullOrEmpty(name) || Encoding.ASCII.GetByteCount(name) >= 100 || name.Any(c => c > 0x7e || c < 0x20))
        {
            throw new ArgumentException("member names must be short printable ASCII", nameof(name));
        }

        var mtime = Math.Max(0, modified.ToUnixTimeSeconds());
        if (size <= MaxUstarSize)
        {
            return Ustar(name, '0', size, mtime);
        }

        var record = PaxRecord("size", size.ToString(CultureInfo.InvariantCulture));
        var paxHeader = Ustar("PaxHeaders/" + name, 'x', record.Length, mtime);
        var result = new byte[RecordSize * 3];
        var paxData = new byte[RecordSize];
        record.CopyTo(paxData, 0);
        paxHeader.CopyTo(result, 0);
        paxData.CopyTo(result, RecordSize);
        Ustar(name, '0', 0, mtime).CopyTo(result, RecordSize * 2);
        return result;
    }

    /// <summary>Zero bytes needed after <paramref name="size"/> bytes of data to end the record.</summary>
    public static int Padding(long size) => (int)((RecordSize - (size % RecordSize)) % RecordSize);

    /// <summary>The end-of-archive marker: two zero records.</summary>
    public static byte[] EndOfArchive() => new byte[RecordSize * 2];

    private static byte[] Ustar(string name, char type, long size, long mtime)
    {
        var h = new byte[RecordSize];
        Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
        Octal(h, 100, 8, 0b110_100_100);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, mtime);
        h[156] = (byte)type;
        "ustar\0"u8.CopyTo(h.AsSpan(257));
        "00"u8.CopyTo(h.AsSpan(263));
        h.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in h)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(h, 148);
        h[154] = 0;
        h[155] = (byte)' ';
        return h;
    }

    /// <summary>A pax record <c>"LEN key=value\n"</c> whose LEN counts itself.</summary>
    private static byte[] PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + body);
    }

    private static void Octal(byte[] header, int offset, int width, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        if (digits.Length > width - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "does not fit the tar field");
        }

        Encoding.ASCII.GetBytes(digits).CopyTo(header, offset);
        header[offset + width - 1] = 0;
    }
}
