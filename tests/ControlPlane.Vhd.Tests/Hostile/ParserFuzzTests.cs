using System.Buffers.Binary;
using System.Diagnostics;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.Vhd.Tests.Hostile;

/// <summary>
/// Bounded mutation fuzzing (fixed seeds): every mutated file must open and read, or fail with
/// <see cref="VhdFormatException"/>, within a time bound; Check must never throw.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 2000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);
    private static readonly uint[] Interesting = [0, 1, 2, 3, 0x1FF, 0x200, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0x00010000, 0x00200000];

    [Theory]
    [InlineData(1001, false)]
    [InlineData(1002, true)]
    public async Task Mutated_vhds_parse_or_throw_typed_errors_in_bounded_time(int seed, bool differencing)
    {
        using var dir = new TempDirectory();
        byte[] original = MakeSeedFile(dir, differencing);
        var random = new Random(seed);
        string target = dir.File("fuzz.vhd");
        int opened = 0, refused = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            byte[] mutated = Mutate(original, random);
            File.WriteAllBytes(target, mutated);
            bool write = random.Next(4) == 0;
            long writeAt = random.NextInt64(0, 64 << 10);
            bool result;
            try
            {
                result = await Task.Run(() => Exercise(target, write, writeAt)).WaitAsync(PerCase);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"case {i} (seed {seed}) did not finish within {PerCase.TotalSeconds} s");
                throw;
            }

            if (result)
            {
                opened++;
            }
            else
            {
                refused++;
            }
        }

        output.WriteLine($"seed {seed}: {opened} opened and read, {refused} refused with VhdFormatException, {total.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Iterations, opened + refused);
        Assert.True(opened > 0 && refused > 0, $"fuzzing should hit both outcomes (opened {opened}, refused {refused})");
        Assert.True(total.Elapsed < TimeSpan.FromMinutes(3), $"fuzzing took {total.Elapsed}");
    }

    /// <summary>Returns true when the file opened and read fully, false when it was refused with a typed error.</summary>
    private static bool Exercise(string path, bool write, long writeAt)
    {
        IReadOnlyList<VhdProblem> problems = VhdChecker.Check(path);
        try
        {
            using (VhdDisk disk = VhdDisk.Open(path, writable: write))
            {
                var buffer = new byte[20000];
                long at = 0;
                int n;
                while ((n = disk.Read(at, buffer)) > 0)
                {
                    at += n;
                }

                Assert.Equal(disk.VirtualSize, at);
                if (write && writeAt + 1000 <= disk.VirtualSize)
                {
                    disk.Write(writeAt, new byte[1000]);
                }
            }

            Assert.DoesNotContain(problems, p => p.Fatal && p.Code is not (VhdErrorCode.ParentIdMismatch or VhdErrorCode.ParentMissing or VhdErrorCode.ChainCycle));
            return true;
        }
        catch (VhdFormatException)
        {
            return false;
        }
    }

    private static byte[] MakeSeedFile(TempDirectory dir, bool differencing)
    {
        var options = new VhdCreateOptions { BlockSize = 4096 };
        var random = new Random(77);
        VhdFile.CreateDynamic(dir.File("p.vhd"), 64 << 10, options).Dispose();
        using (VhdDisk p = VhdDisk.Open(dir.File("p.vhd"), writable: true))
        {
            p.Write(1000, DiskModel.RandomBytes(random, 20000));
            p.Write(50000, DiskModel.RandomBytes(random, 3000));
        }

        string seed = dir.File("p.vhd");
        if (differencing)
        {
            VhdFile.CreateDifferencing(dir.File("c.vhd"), seed).Dispose();
            using (VhdDisk c = VhdDisk.Open(dir.File("c.vhd"), writable: true))
            {
                c.Write(30000, DiskModel.RandomBytes(random, 9000));
            }

            seed = dir.File("c.vhd");
        }

        return File.ReadAllBytes(seed);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] b = (byte[])original.Clone();
        int kind = random.Next(6);
        switch (kind)
        {
            case 0:
                for (int k = random.Next(1, 12); k > 0; k--)
                {
                    b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
            case 2:
                // A field of the metadata (footer copy, header, BAT) set to an interesting value.
                int at = random.Next(0, Math.Min(b.Length, 4096) - 8) & ~3;
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), Interesting[random.Next(Interesting.Length)]);
                break;
            case 3:
                return b[..random.Next(0, b.Length)];
            case 4:
                int start = random.Next(b.Length);
                random.NextBytes(b.AsSpan(start, Math.Min(b.Length - start, random.Next(1, 64))));
                break;
            default:
                int bat = 1536 + random.Next(0, 16) * 4;
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(bat), (uint)random.Next(0, b.Length / 512 + 4));
                break;
        }

        // Half the time make the checksums (and the footer copy) consistent, so deeper structures are reached.
        if (random.Next(2) == 0 && b.Length >= 1536)
        {
            VhdPatcher.FixHeaderChecksum(b.AsSpan(512, 1024));
            VhdPatcher.FixFooterChecksum(b.AsSpan(0, 512));
            b.AsSpan(0, 512).CopyTo(b.AsSpan(b.Length - 512));
        }

        return b;
    }
}
