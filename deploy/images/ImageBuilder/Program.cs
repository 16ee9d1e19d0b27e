using ControlPlane.Deploy.ImageBuilder;

// image-builder BASE.raw CHILD.raw OUTDIR: writes OUTDIR/1.vhd (dynamic, BASE's content) and OUTDIR/0.vhd
// (differencing on 1.vhd holding only the sectors where CHILD differs from BASE): Nova's chain naming.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: image-builder BASE.raw CHILD.raw OUTDIR");
    return 2;
}

var (allocated, changed) = ChainBuilder.Build(args[0], args[1], args[2]);
Console.WriteLine($"1.vhd: {allocated} blocks allocated; 0.vhd: {changed} sectors changed");
return 0;
