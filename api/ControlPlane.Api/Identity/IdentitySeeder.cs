using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Options;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Identity;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>
/// At start (when <see cref="IdentityOptions.Seed"/>), creates what is missing of: projects admin, demo,
/// tempest_project_1..4; users admin (admin, member, reader on admin), demo (member, reader on demo),
/// tempest_user_N (member, reader on tempest_project_N), tempest_admin_1..2 (admin, member, reader on tempest_admin_project_N), tempest_reader_1 (only reader on tempest_project_1); roles admin, member, reader; and Nova's
/// classic flavors 1-5. Idempotent and safe with several replicas (every insert is ON CONFLICT DO NOTHING).
/// </summary>
public sealed class IdentitySeeder(
    IdentityStore identity, FlavorStore flavors, PasswordHasher hasher, IOptions<IdentityOptions> options, ILogger<IdentitySeeder> logger) : IHostedService
{
    /// <summary>Nova's classic flavors.</summary>
    public static readonly IReadOnlyList<FlavorRecord> Flavors =
    [
        Flavor("1", "m1.tiny", 512, 1, 1),
        Flavor("2", "m1.small", 2048, 1, 20),
        Flavor("3", "m1.medium", 4096, 2, 40),
        Flavor("4", "m1.large", 8192, 4, 80),
        Flavor("5", "m1.xlarge", 16384, 8, 160),
    ];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KeyWasGenerated)
        {
            ApiLog.GeneratedSigningKey(logger);
        }
        if (!options.Value.Seed)
        {
            return;
        }
        var users = new List<(string User, string Project, string Password, string[] Roles)>
        {
            ("admin", "admin", options.Value.AdminPassword, ["admin", "member", "reader"]),
            ("demo", "demo", options.Value.UserPassword, ["member", "reader"]),
        };
        users.AddRange(Enumerable.Range(1, 4).Select(i => ($"tempest_user_{i}", $"tempest_project_{i}", options.Value.UserPassword, new[] { "member", "reader" })));
        // tempest's admin accounts (accounts.yaml, type admin): the admin tests (migrations, cold migrate, over-limit resize).
        users.AddRange(Enumerable.Range(1, 2).Select(i => ($"tempest_admin_{i}", $"tempest_admin_project_{i}", options.Value.UserPassword, new[] { "admin", "member", "reader" })));
        // NOTE(api): a reader-only user for policy tests; not in tempest's accounts file (tempest would use it as a member).
        users.Add(("tempest_reader_1", "tempest_project_1", options.Value.UserPassword, ["reader"]));
        foreach (var (userName, projectName, password, roles) in users)
        {
            var projectId = await identity.EnsureProjectAsync(NewId(), projectName, IdentityService.DefaultDomainId, cancellationToken);
            var existing = await identity.FindUserByNameAsync(IdentityService.DefaultDomainId, userName, cancellationToken);
            var userId = existing?.Id
                ?? await identity.EnsureUserAsync(NewId(), userName, IdentityService.DefaultDomainId, hasher.Hash(password), projectId, cancellationToken);
            foreach (var role in roles)
            {
                await identity.EnsureAssignmentAsync(userId, projectId, NewId(), role, cancellationToken);
            }
        }
        foreach (var flavor in Flavors)
        {
            await flavors.EnsureAsync(flavor, cancellationToken);
        }
        ApiLog.SeedDone(logger, users.Select(u => u.Project).Distinct().Count(), users.Count, Flavors.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static FlavorRecord Flavor(string id, string name, int ram, int vcpus, int disk) =>
        new(id, name, ram, vcpus, disk, 0, 0, 1.0f, true, false, null, new Dictionary<string, string>());
}
