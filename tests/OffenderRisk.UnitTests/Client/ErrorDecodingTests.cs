using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OffenderRisk.Client;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Client;

/// <summary>The client decodes the refusals the services (services/Platform/Errors) and the gateway build.</summary>
public class ErrorDecodingTests
{
    [Fact]
    public void A_rule_refusal_decodes_to_its_rule_id_field_reason_and_domain()
    {
        var e = RpcErrors.From(new RuleViolationException("R-MA2", "mappa_level", "needs a countersigned assessment"), "nominals.offenderrisk");

        var error = e.ToOffenderRiskError();

        Assert.Equal(StatusCode.FailedPrecondition, error.Code);
        Assert.Equal("RULE_VIOLATION", error.Reason);
        Assert.Equal("nominals.offenderrisk", error.Domain);
        Assert.Equal("R-MA2", error.RuleId);
        Assert.Equal("mappa_level", error.Field);
        Assert.Equal("mappa_level", Assert.Single(error.FieldViolations).Field);
        var violation = Assert.Single(error.PreconditionViolations);
        Assert.Equal(("R-MA2", "mappa_level"), (violation.Type, violation.Subject));
        Assert.False(error.IsFromGateway);
        Assert.Null(error.RetryDelay);
    }

    [Fact]
    public void A_validation_failure_decodes_to_every_field_violation_and_the_rule_it_cites()
    {
        var e = RpcErrors.From(new ValidationFailedException(
            [new FieldProblem("nominal.family_name", "is required", "R-ID4"), new FieldProblem("nominal.date_of_birth", "is in the future")]), "nominals.offenderrisk");

        var error = e.ToOffenderRiskError();

        Assert.Equal(StatusCode.InvalidArgument, error.Code);
        Assert.Equal("INVALID_FIELDS", error.Reason);
        Assert.Equal("R-ID4", error.RuleId);
        Assert.Equal(["nominal.family_name", "nominal.date_of_birth"], error.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public void A_not_found_answer_decodes_to_the_resource_it_names()
    {
        var error = RpcErrors.From(new ResourceNotFoundException("nominals/abc"), "nominals.offenderrisk").ToOffenderRiskError();

        Assert.Equal(StatusCode.NotFound, error.Code);
        Assert.Equal("nominals/abc", error.ResourceName);
    }

    [Fact]
    public void The_gateway_rate_limit_decodes_to_its_retry_delay_and_says_it_came_from_the_gateway()
    {
        var error = GatewayRefusal(StatusCode.ResourceExhausted, "RATE_LIMITED", new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)) }).ToOffenderRiskError();

        Assert.Equal(StatusCode.ResourceExhausted, error.Code);
        Assert.True(error.IsFromGateway);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryDelay);
    }

    [Fact]
    public void A_status_without_details_decodes_to_its_code_and_message_only()
    {
        var error = new RpcException(new Grpc.Core.Status(StatusCode.Internal, "boom")).ToOffenderRiskError();

        Assert.Equal((StatusCode.Internal, "boom"), (error.Code, error.Message));
        Assert.Null(error.Reason);
        Assert.Null(error.RuleId);
        Assert.Empty(error.FieldViolations);
    }

    [Fact]
    public void Malformed_details_decode_to_the_code_and_message_without_throwing()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0x0A, 0xFF, 0xFF, 0xFF } } };

        var error = new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "down"), trailers).ToOffenderRiskError();

        Assert.Equal(StatusCode.Unavailable, error.Code);
        Assert.Null(error.Reason);
    }

    [Fact]
    public void Decoding_is_bounded_whatever_the_peer_sends()
    {
        var bad = new BadRequest();
        bad.FieldViolations.AddRange(Enumerable.Range(0, 5000).Select(i => new BadRequest.Types.FieldViolation { Field = $"f{i}", Description = new string('x', 100_000) }));
        var info = new ErrorInfo { Reason = new string('R', 50_000), Domain = "nominals.offenderrisk" };
        for (var i = 0; i < 1000; i++)
        {
            info.Metadata[$"k{i}"] = "v";
        }

        var error = Refusal(StatusCode.InvalidArgument, info, bad).ToOffenderRiskError();

        Assert.Equal(OffenderRiskError.MaxItems, error.FieldViolations.Count);
        Assert.Equal(OffenderRiskError.MaxItems, error.Metadata.Count);
        Assert.All(error.FieldViolations, v => Assert.True(v.Description.Length <= OffenderRiskError.MaxStringLength));
        Assert.Equal(OffenderRiskError.MaxStringLength, error.Reason!.Length);
    }

    [Fact]
    public void The_summary_names_code_domain_reason_and_rule_but_no_message_text()
    {
        var error = RpcErrors.From(new RuleViolationException("R-MA2", "mappa_level", "quoting INPUT-SENTINEL"), "nominals.offenderrisk").ToOffenderRiskError();

        Assert.Equal("FailedPrecondition nominals.offenderrisk/RULE_VIOLATION rule R-MA2 (1 field violations)", error.ToString());
    }

    internal static RpcException GatewayRefusal(StatusCode code, string reason, params IMessage[] details) =>
        Refusal(code, new ErrorInfo { Reason = reason, Domain = OffenderRiskError.GatewayDomain }, details);

    internal static RpcException Refusal(StatusCode code, ErrorInfo info, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = "refused" };
        status.Details.Add(Any.Pack(info));
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
