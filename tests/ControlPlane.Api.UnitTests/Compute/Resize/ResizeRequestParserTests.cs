using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Resize;
using ControlPlane.Api.UnitTests.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.UnitTests.Compute.Resize;

/// <summary>Nova's schemas of resize and migrate, and the state checks of resize, confirm and revert.</summary>
public sealed class ResizeRequestParserTests
{
    [Theory]
    [InlineData("""{"flavorRef": "2"}""", "2", null)]
    [InlineData("""{"flavorRef": 42, "OS-DCF:diskConfig": "AUTO"}""", "42", true)]
    [InlineData("""{"flavorRef": " 3 ", "OS-DCF:diskConfig": "MANUAL"}""", "3", false)]
    public void Resize_takes_a_flavor_ref_and_an_optional_disk_config(string body, string flavor, bool? auto)
    {
        var request = ResizeRequestParser.ParseResize(Parse(body));

        Assert.Equal((flavor, auto, (string?)null), (request.FlavorRef, request.AutoDiskConfig, request.TargetHost));
    }

    [Theory]
    [InlineData("{}", "'flavorRef' is a required property")]
    [InlineData("""{"flavorRef": ""}""", "is too short")]
    [InlineData("""{"flavorRef": "2", "OS-DCF:diskConfig": "auto"}""", "is not one of ['AUTO', 'MANUAL']")]
    [InlineData("""{"flavorRef": "2", "size": 3}""", "Additional properties are not allowed")]
    [InlineData("null", "is not of type 'object'")]
    public void A_bad_resize_body_is_a_400_naming_the_problem(string body, string message)
    {
        var error = Assert.Throws<InvalidException>(() => ResizeRequestParser.ParseResize(Parse(body)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_takes_null_and_from_2_56_a_host()
    {
        Assert.Null(ResizeRequestParser.ParseMigrate(Parse("null"), new ApiVersion(2, 1)).TargetHost);
        Assert.Equal("compute3", ResizeRequestParser.ParseMigrate(Parse("""{"host": "compute3"}"""), new ApiVersion(2, 56)).TargetHost);
        Assert.Null(ResizeRequestParser.ParseMigrate(Parse("""{"host": null}"""), new ApiVersion(2, 56)).TargetHost);
        // Below 2.56 Nova validates nothing: a host is ignored, {} (tempest) is accepted.
        Assert.Null(ResizeRequestParser.ParseMigrate(Parse("""{"host": "compute3"}"""), new ApiVersion(2, 55)).TargetHost);
        Assert.Null(ResizeRequestParser.ParseMigrate(Parse("{}"), new ApiVersion(2, 1)).TargetHost);
        Assert.Throws<InvalidException>(() => ResizeRequestParser.ParseMigrate(Parse("[1]"), new ApiVersion(2, 56)));
        Assert.Throws<InvalidException>(() => ResizeRequestParser.ParseMigrate(Parse("""{"hosts": "x"}"""), new ApiVersion(2, 56)));
    }

    [Theory]
    [InlineData(VmState.Active, null, true)]
    [InlineData(VmState.Stopped, null, true)]
    [InlineData(VmState.Paused, null, false)]
    [InlineData(VmState.Resized, null, false)]
    [InlineData(VmState.Active, TaskState.Rebooting, false)]
    public void Resize_starts_from_active_or_stopped_without_a_task(string vmState, string? taskState, bool allowed)
    {
        var instance = ServerActionRunnerTests.Instance() with { VmState = vmState, TaskState = taskState };

        var ensure = () => ServerActionChecks.Ensure(InstanceOperations.Resize, instance, admin: false);

        if (allowed)
        {
            ensure();
        }
        else
        {
            Assert.StartsWith("Cannot 'resize' instance", Assert.Throws<ConflictException>(ensure).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Confirm_and_revert_need_verify_resize_and_a_locked_server_refuses_them_to_its_owner()
    {
        var resized = ServerActionRunnerTests.Instance() with { VmState = VmState.Resized, TaskState = null };
        ServerActionChecks.Ensure(InstanceOperations.ConfirmResize, resized, admin: false);
        ServerActionChecks.Ensure(InstanceOperations.RevertResize, resized, admin: false);

        Assert.Throws<ConflictException>(() => ServerActionChecks.Ensure(InstanceOperations.ConfirmResize, resized with { VmState = VmState.Active }, admin: false));
        Assert.Equal($"Instance {resized.Id} is locked",
            Assert.Throws<ConflictException>(() => ServerActionChecks.Ensure(InstanceOperations.RevertResize, resized with { Locked = true }, admin: false)).Message);
        Assert.Equal(["resize_prep", "resize_migrating", "resize_migrated", "resize_finish"], ResizeOperations.Migrate.TaskStates.Concat(ResizeOperations.Finish.TaskStates));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
