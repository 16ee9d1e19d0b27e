using System.Reflection;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.UnitTests.Policy;

public sealed class PolicyRuleSetTests
{
    private static readonly RequestPrincipal Reader = new("u-r", "p1", ["reader"], "t");
    private static readonly RequestPrincipal Member = new("u-m", "p1", ["member", "reader"], "t");
    private static readonly RequestPrincipal Admin = new("u-a", "p-admin", ["admin", "member", "reader"], "t");

    private static readonly RuleBasedComputePolicy Policy = new(PolicyRuleSet.Defaults());

    [Theory]
    [InlineData("os_compute_api:servers:index", true, true, true)]
    [InlineData("os_compute_api:servers:show", true, true, true)]
    [InlineData("os_compute_api:servers:create", false, true, true)]
    [InlineData("os_compute_api:servers:update", false, true, true)]
    [InlineData("os_compute_api:servers:delete", false, true, true)]
    [InlineData("os_compute_api:servers:stop", false, true, true)]
    [InlineData("os_compute_api:os-keypairs:create", false, true, true)]
    [InlineData("os_compute_api:os-keypairs:index", true, true, true)]
    [InlineData("os_compute_api:servers:detail:get_all_tenants", false, false, true)]
    [InlineData("os_compute_api:os-server-groups:create", false, true, true)]
    [InlineData("os_compute_api:os-server-groups:show", true, true, true)]
    [InlineData("os_compute_api:os-server-groups:index:all_projects", false, false, true)]
    [InlineData("os_compute_api:os-migrate-server:migrate", false, false, true)]
    public void Defaults_are_novas_scoped_roles(string rule, bool reader, bool member, bool admin)
    {
        Assert.Equal(reader, Policy.Allows(rule, Reader, null));
        Assert.Equal(member, Policy.Allows(rule, Member, null));
        Assert.Equal(admin, Policy.Allows(rule, Admin, "p1"));
    }

    [Fact]
    public void A_member_of_another_project_is_refused_on_its_objects_and_the_message_is_novas()
    {
        Assert.False(Policy.Allows("os_compute_api:servers:show", Member, "p2"));
        var e = Assert.Throws<ForbiddenException>(() => Policy.Authorize("os_compute_api:servers:stop", Member, "p2"));
        Assert.Equal("Policy doesn't allow os_compute_api:servers:stop to be performed.", e.Message);
    }

    [Fact]
    public void Every_operation_definitions_rule_is_defined()
    {
        var rules = PolicyRuleSet.Defaults();
        var missing = typeof(InstanceOperations).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(InstanceOperation))
            .Select(f => ((InstanceOperation)f.GetValue(null)!).Policy)
            .Where(p => !rules.Contains(p))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Overrides_replace_defaults()
    {
        var rules = PolicyRuleSet.FromJson(Defaults(), """{"os_compute_api:servers:create": "rule:context_is_admin"}""", "test");
        var policy = new RuleBasedComputePolicy(rules);
        Assert.False(policy.Allows("os_compute_api:servers:create", Member, null));
        Assert.True(policy.Allows("os_compute_api:servers:create", Admin, null));
    }

    [Theory]
    [InlineData("""{"os_compute_api:servers:craete": "@"}""", "unknown rules (typo?): os_compute_api:servers:craete")]
    [InlineData("""{"os_compute_api:servers:create": "role:member and"}""", "does not parse")]
    [InlineData("""{"os_compute_api:servers:create": "(role:member"}""", "missing ')'")]
    [InlineData("""{"os_compute_api:servers:create": "group:x"}""", "unknown check kind 'group'")]
    [InlineData("""{"os_compute_api:servers:create": "rule:nope"}""", "undefined rule(s): nope")]
    [InlineData("""{"context_is_admin": "rule:admin_api", "admin_api": "rule:context_is_admin"}""", "cycle")]
    [InlineData("""["not", "an object"]""", "not a JSON object")]
    [InlineData("""{"os_compute_api:servers:create": 1}""", "not a JSON object")]
    public void A_bad_override_is_refused_with_a_message_naming_the_problem(string overrides, string expected)
    {
        var e = Assert.Throws<PolicyFileException>(() => PolicyRuleSet.FromJson(Defaults(), overrides, "policy.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_validator_stops_the_start_on_a_bad_policy_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "policy-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{"os_compute_api:servers:nope": "@"}""");
        try
        {
            var result = new ApiOptionsValidator().Validate(null, new ApiOptions { PolicyFile = path });
            Assert.True(result.Failed);
            Assert.Contains("Api:PolicyFile", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("os_compute_api:servers:nope", result.FailureMessage, StringComparison.Ordinal);
            var missing = new ApiOptionsValidator().Validate(null, new ApiOptions { PolicyFile = path + ".absent" });
            Assert.Contains("cannot be read", missing.FailureMessage, StringComparison.Ordinal);
            Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("@", true)]
    [InlineData("!", false)]
    [InlineData("not role:admin", true)]
    [InlineData("role:READER", true)]
    [InlineData("(role:admin or role:reader) and project_id:%(project_id)s", true)]
    [InlineData("((role:admin)) or (role:member and user_id:%(user_id)s)", false)]
    [InlineData("project_id:p1", true)]
    [InlineData("project_id:p2", false)]
    public void Check_strings_evaluate_as_oslo_policy(string check, bool expected)
    {
        var request = PolicyRequest.For(Reader, "p1");
        Assert.Equal(expected, PolicyParser.Parse(check).Evaluate(request, _ => throw new InvalidOperationException()));
    }

    private static string Defaults()
    {
        using var stream = typeof(PolicyRuleSet).Assembly.GetManifestResourceStream("ControlPlane.Api.Policy.compute-policy.json")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
