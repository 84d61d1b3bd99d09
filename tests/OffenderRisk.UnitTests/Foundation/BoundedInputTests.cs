using System.Security.Claims;
using Grpc.Core;
using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>What a hostile caller sends costs a bounded amount, and grants nothing it does not hold.</summary>
public sealed class BoundedInputTests
{
    [Fact]
    public void A_request_with_thousands_of_bad_fields_is_refused_with_at_most_twenty_violations_and_a_count_of_the_rest()
    {
        var v = new Validator();
        for (var i = 0; i < 5000; i++)
        {
            v.Add($"items[{i}]", "has unknown value 99");
        }

        var e = Assert.Throws<ValidationFailedException>(v.ThrowIfInvalid);

        Assert.Equal(Validator.MaxReportedProblems + 1, e.Problems.Count);
        Assert.Equal("items[0]", e.Problems[0].Field);
        Assert.Equal("and 4980 more problems not listed", e.Problems[^1].Description);
    }

    [Fact]
    public void A_request_with_few_bad_fields_lists_each_of_them()
    {
        var v = new Validator().Add("a", "is required").Add("b", "is required");

        var e = Assert.Throws<ValidationFailedException>(v.ThrowIfInvalid);

        Assert.Equal(["a", "b"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Roles_come_from_the_role_claim_only_not_from_the_long_form_dotnet_role_claim()
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(OffenderRiskClaims.Subject, "PC-1001"),
            new Claim(OffenderRiskClaims.Force, "XA"),
            new Claim(OffenderRiskClaims.Role, "mosovo-officer"),
            new Claim(ClaimTypes.Role, "supervisor"),
        ], "test", OffenderRiskClaims.Subject, OffenderRiskClaims.Role);

        var caller = Caller.From(new ClaimsPrincipal(identity));

        Assert.True(caller.IsInRole("mosovo-officer"));
        Assert.False(caller.IsInRole("supervisor"));
    }

    [Fact]
    public void An_invalid_field_a_rule_requires_cites_the_rule_in_the_violation_and_the_metadata()
    {
        var e = Assert.Throws<ValidationFailedException>(new Validator()
            .Add("name", "is required")
            .Required("intelligence.source", "", "R-ID4")
            .ThrowIfInvalid);

        var status = RpcErrors.From(e, "nominals.offenderrisk").GetRpcStatus()!;

        Assert.Equal("R-ID4", status.GetDetail<Google.Rpc.ErrorInfo>().Metadata["rule_id"]);
        Assert.Equal(["is required", "R-ID4: is required"], status.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Description));
    }
}
