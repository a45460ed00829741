using System.Buffers.Binary;
using System.IO.Compression;

namespace Assay.Testing;

/// <summary>
/// Just enough of PNG to look at a screenshot: 8-bit RGB or RGBA, not interlaced (what Chromium writes). Decodes the
/// pixels so a test can tell a rendered page from a blank one.
/// </summary>
public sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgba) => (Width, Height, Rgba) = (width, height, rgba);

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels, 4 bytes each, row by row.</summary>
    public byte[] Rgba { get; }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG color type {data[9]}") };
                if (data[8] != 8 || data[12] != 0)
                {
                    throw new NotSupportedException("only 8-bit, non-interlaced PNG");
                }
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            offset += 12 + length;
        }

        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, Unfilter(raw.ToArray(), width, height, channels));
    }

    /// <summary>Share of pixels that differ from the top-left pixel (the page background).</summary>
    public double ContentFraction()
    {
        var differing = 0;
        for (var i = 0; i < Rgba.Length; i += 4)
        {
            differing += Rgba[i] != Rgba[0] || Rgba[i + 1] != Rgba[1] || Rgba[i + 2] != Rgba[2] ? 1 : 0;
        }

        return (double)differing / (Width * Height);
    }

    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            Array.Copy(data, (y * (stride + 1)) + 1, current, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 4;
                rgba[o] = current[x * channels];
                rgba[o + 1] = current[(x * channels) + 1];
                rgba[o + 2] = current[(x * channels) + 2];
                rgba[o + 3] = channels == 4 ? current[(x * channels) + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
