using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Checking;

/// <summary>
/// Structural check of a VHD and its parent chain (as <c>vhd-util check -p</c>): footers and their checksums,
/// header, BAT bounds and overlaps, batmap, locators, parent ids, missing parents, cycles and depth.
/// Never throws for bad content; an unreadable first file throws the I/O error.
/// </summary>
public static class VhdChecker
{
    /// <summary>Slack allowed for timestamps ahead of the clock.</summary>
    private static readonly TimeSpan FutureSlack = TimeSpan.FromMinutes(5);

    /// <summary>Checks <paramref name="path"/> and its parents. An empty list means the chain is valid.</summary>
    public static IReadOnlyList<VhdProblem> Check(string path, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var problems = new List<VhdProblem>();
        var seenPaths = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new HashSet<Guid>();
        string? current = Path.GetFullPath(path);
        Guid? expectedId = null;
        string? childPath = null;
        int depth = 0;
        while (current is not null)
        {
            if (++depth > VhdLimits.MaxChainDepth)
            {
                problems.Add(new VhdProblem(VhdErrorCode.ChainTooDeep, current, $"chain deeper than {VhdLimits.MaxChainDepth}", true));
                break;
            }

            if (!seenPaths.Add(current))
            {
                problems.Add(new VhdProblem(VhdErrorCode.ChainCycle, childPath!, $"parent {current} is already in the chain", true));
                break;
            }

            VhdLayout layout = ReadLayout(current, depth == 1);
            problems.AddRange(layout.Problems);
            if (layout.HasFatal || layout.Footer is null)
            {
                break;
            }

            CheckTimes(layout, clock.GetUtcNow(), problems);
            if (expectedId is { } id && layout.Footer.UniqueId != id)
            {
                problems.Add(new VhdProblem(VhdErrorCode.ParentIdMismatch, childPath!, $"parent {current} has id {layout.Footer.UniqueId}, expected {id}", true));
            }

            if (!seenIds.Add(layout.Footer.UniqueId))
            {
                problems.Add(new VhdProblem(VhdErrorCode.ChainCycle, current, $"id {layout.Footer.UniqueId} appears twice in the chain", true));
                break;
            }

            if (layout.Footer.DiskType != VhdDiskType.Differencing)
            {
                break;
            }

            using VhdFile file = VhdFile.Open(current);
            string? parent = file.ResolveParentPath();
            if (parent is null)
            {
                problems.Add(new VhdProblem(VhdErrorCode.ParentMissing, current, $"parent '{file.Header!.ParentUnicodeName}' not found (locators: {string.Join(", ", file.ParentLocatorPaths)})", true));
                break;
            }

            expectedId = file.Header!.ParentUniqueId;
            childPath = current;
            current = parent;
        }

        return problems;
    }

    private static VhdLayout ReadLayout(string path, bool first)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return VhdLayoutReader.Read(handle, path);
        }
        catch (VhdFormatException e)
        {
            var layout = new VhdLayout { Path = path, FileLength = 0 };
            layout.Add(e.Reason, e.Message, true);
            return layout;
        }
        catch (IOException e) when (!first)
        {
            var layout = new VhdLayout { Path = path, FileLength = 0 };
            layout.Add(VhdErrorCode.ParentMissing, $"parent cannot be read: {e.Message}", true);
            return layout;
        }
    }

    private static void CheckTimes(VhdLayout layout, DateTimeOffset now, List<VhdProblem> problems)
    {
        DateTimeOffset limit = now + FutureSlack;
        if (layout.Footer!.TimestampUtc > limit)
        {
            problems.Add(new VhdProblem(VhdErrorCode.InvalidField, layout.Path, $"footer timestamp {layout.Footer.TimestampUtc:O} is in the future", false));
        }

        if (layout.Header is { } header && layout.Footer.DiskType == VhdDiskType.Differencing && VhdTimestamp.ToDateTime(header.ParentTimestamp) > limit)
        {
            problems.Add(new VhdProblem(VhdErrorCode.InvalidField, layout.Path, "parent timestamp is in the future", false));
        }
    }
}
