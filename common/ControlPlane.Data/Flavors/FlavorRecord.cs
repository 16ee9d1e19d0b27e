namespace ControlPlane.Data.Flavors;

/// <summary>A flavor row; <see cref="Id"/> is Nova's public flavorid.</summary>
public sealed record FlavorRecord(
    string Id,
    string Name,
    int MemoryMb,
    int Vcpus,
    int RootGb,
    int EphemeralGb,
    int SwapMb,
    float RxtxFactor,
    bool IsPublic,
    bool Disabled,
    string? Description,
    IReadOnlyDictionary<string, string> ExtraSpecs);
