namespace ControlPlane.Vhd.Files;

/// <summary>A small cache of per-block sector bitmaps, bounded in count so memory stays flat.</summary>
internal sealed class BitmapCache(int bitmapBytes)
{
    private const int Capacity = 64;
    private readonly Dictionary<long, byte[]> entries = [];

    public int BitmapBytes => bitmapBytes;

    public byte[] Get(long block, Func<long, byte[]> load)
    {
        if (entries.TryGetValue(block, out byte[]? bitmap))
        {
            return bitmap;
        }

        bitmap = load(block);
        Put(block, bitmap);
        return bitmap;
    }

    public void Put(long block, byte[] bitmap)
    {
        if (entries.Count >= Capacity && !entries.ContainsKey(block))
        {
            entries.Clear();
        }

        entries[block] = bitmap;
    }

    public void Clear() => entries.Clear();
}
