using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// The guarded fields, category and date of birth: each changes only through its own RPC, by a
/// supervisor, with a reason kept as history and every dependent rule checked again by the
/// nominal (NominalRecord.Details.cs).
/// </summary>
public sealed partial class NominalsGrpcService
{
    private const int MaxManagerAuthorityLength = 200;

    [Authorize(Policy = Policies.Supervise)]
    public override async Task<ChangeCategoryResponse> ChangeCategory(ChangeCategoryRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        v.DefinedEnum("category", request.Category)
         .Required("reason", request.Reason, "R-AU3")
         .MaxLength("reason", request.Reason, MaxReasonLength)
         .MaxLength("manager_authority", request.ManagerAuthority, MaxManagerAuthorityLength);
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.ChangeCategory((NominalCategory)request.Category, request.Reason, request.ManagerAuthority, call.UserId, now));
        return new ChangeCategoryResponse { Nominal = nominal };
    }

    /// <summary>A corrected date of birth is checked for likely duplicates as a create is (duplicate_override_reason to go on).</summary>
    [Authorize(Policy = Policies.Supervise)]
    public override async Task<CorrectDateOfBirthResponse> CorrectDateOfBirth(CorrectDateOfBirthRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var v = new Validator();
        var dateOfBirth = NominalValidation.ValidateDateOfBirth(v, request.DateOfBirth, "date_of_birth", Today());
        v.Required("reason", request.Reason, "R-AU3")
         .MaxLength("reason", request.Reason, MaxReasonLength);
        var overrideReason = ValidateDuplicateOverrideReason(request.DuplicateOverrideReason);
        var nominal = await ChangeAsync(call, request.Name, "name", request.Etag, v,
            (n, now) => n.CorrectDateOfBirth(dateOfBirth!.Value, request.Reason, call.UserId, now),
            duplicateOverrideReason: overrideReason);
        return new CorrectDateOfBirthResponse { Nominal = nominal };
    }
}
