namespace Kasm.Emulator.State;

/// <summary>
/// A small valid baseline JPEG of any size: one grey channel, every 8×8 block flat mid-grey (DC difference 0, then
/// end-of-block), so the entropy data is two bits a block. Stands for a session's desktop in get_kasm_screenshot.
/// </summary>
public static class Jpeg
{
    public static byte[] Grey(int width, int height)
    {
        if (width < 1 || height < 1 || width > 65535 || height > 65535) throw new ArgumentOutOfRangeException(nameof(width));
        var b = new List<byte> { 0xFF, 0xD8 };
        // Quantisation table 0: all ones.
        b.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        b.AddRange(Enumerable.Repeat((byte)1, 64));
        // Baseline frame: 8-bit, height, width, one component (id 1, 1×1 sampling, table 0).
        b.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00]);
        // Huffman tables: DC 0 and AC 0, each one code of length 1 for symbol 0 (DC category 0; AC end-of-block).
        foreach (byte table in new byte[] { 0x00, 0x10 })
        {
            b.AddRange([0xFF, 0xC4, 0x00, 0x14, table, 0x01]);
            b.AddRange(Enumerable.Repeat((byte)0, 15));
            b.Add(0x00);
        }
        // Scan: component 1 with tables 0/0, spectral 0..63.
        b.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        long blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        long bits = blocks * 2;
        long bytes = (bits + 7) / 8;
        for (long i = 0; i < bytes; i++)
        {
            // All code bits are 0; the last byte's unused bits are padded with ones.
            int used = (int)Math.Min(8, bits - i * 8);
            b.Add((byte)((1 << (8 - used)) - 1));
        }
        b.AddRange([0xFF, 0xD9]);
        return [.. b];
    }
}
