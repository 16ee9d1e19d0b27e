namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>
/// A private flavor only a <see cref="TestXenHost"/> can hold, so a test can put a server on its own host: 512 vCPUs
/// are more than a stack XapiSim host allows (16 CPUs x cpu_allocation_ratio 16 = 256), while the test host's
/// small memory keeps every other boot on the stack's hosts (the RAM weigher prefers free memory).
/// </summary>
public static class WideFlavor
{
    public const string Id = "e2e-xen-wide";

    public const int Vcpus = 512;

    /// <summary>Creates the flavor once (the API has no flavor create; the row is what the seeder would write).</summary>
    public static Task EnsureAsync(Database db) =>
        db.ScalarAsync<object>("""
            INSERT INTO flavors (id, name, memory_mb, vcpus, root_gb, is_public, description)
            VALUES (@id, 'e2e.xen.wide', 512, @vcpus, 1, false, 'E2EXen tests: fits only a test-owned XapiSim host')
            ON CONFLICT (id) DO NOTHING
            """, ("id", Id), ("vcpus", Vcpus));
}
