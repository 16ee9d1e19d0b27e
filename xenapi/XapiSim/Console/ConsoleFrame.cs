namespace XapiSim.Console;

/// <summary>The simulated VM screen: the VM's name-label and its power state / domain id, drawn with
/// <see cref="BitmapFont"/> at 3× scale, as 24-bit RGB pixels row by row.</summary>
internal static class ConsoleFrame
{
    public const int Width = 640;
    public const int Height = 120;
    private const int Scale = 3;
    private const int Advance = (BitmapFont.Width + 1) * Scale;
    private const int MaxChars = (Width - 20) / Advance;

    /// <summary>Background colour (dark blue).</summary>
    public static readonly (byte R, byte G, byte B) Background = (0x10, 0x20, 0x50);

    /// <summary>Text colour (white).</summary>
    public static readonly (byte R, byte G, byte B) Ink = (0xFF, 0xFF, 0xFF);

    /// <summary>Left/top of the first text line.</summary>
    public const int TextLeft = 10;
    public const int FirstLineTop = 20;
    public const int SecondLineTop = 70;

    /// <summary>One byte triple (R, G, B) per pixel, <see cref="Width"/> × <see cref="Height"/>.</summary>
    public static byte[] Render(ConsoleView view)
    {
        var rgb = new byte[Width * Height * 3];
        for (var i = 0; i < rgb.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = Background;
        }

        Draw(rgb, view.NameLabel, TextLeft, FirstLineTop);
        Draw(rgb, $"{view.PowerState} DOMID {view.Domid}", TextLeft, SecondLineTop);
        return rgb;
    }

    private static void Draw(byte[] rgb, string text, int left, int top)
    {
        var shown = text.Length > MaxChars ? text[..MaxChars] : text;
        for (var i = 0; i < shown.Length; i++)
        {
            for (var gy = 0; gy < BitmapFont.Height; gy++)
            {
                for (var gx = 0; gx < BitmapFont.Width; gx++)
                {
                    if (BitmapFont.IsSet(shown[i], gx, gy))
                    {
                        Fill(rgb, left + (i * Advance) + (gx * Scale), top + (gy * Scale));
                    }
                }
            }
        }
    }

    private static void Fill(byte[] rgb, int x0, int y0)
    {
        for (var y = y0; y < y0 + Scale; y++)
        {
            for (var x = x0; x < x0 + Scale; x++)
            {
                var i = ((y * Width) + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = Ink;
            }
        }
    }
}
