using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Search;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>SearchNominals: the caller's force's nominals by name (with aliases and sound), date of birth and identifiers.</summary>
public sealed partial class NominalsGrpcService
{
    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<SearchNominalsResponse> SearchNominals(SearchNominalsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var criteria = NominalSearchRequestValidation.Validate(request);
        // One entry per search, on the collection: what was searched for is personal data.
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken, DefaultSize: 25, MaxSize: 100),
            criteria.Fingerprint(call.Force),
            (s, after, limit) => searchIndex.SearchAsync(s, call.Force, criteria, after is null ? null : SearchPosition(after), limit),
            h => new NominalSearchPosition(h.Match, h.Nominal.Id).Encode(),
            new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, call.Force));
        var response = new SearchNominalsResponse { NextPageToken = page.NextPageToken };
        response.Results.AddRange(page.Items.Select(h => new NominalSearchResult
        {
            Nominal = h.Nominal.ToContract(Today()),
            MatchKind = ToContract(h.Match),
        }));
        return response;
    }

    private static NominalSearchPosition SearchPosition(string key) =>
        NominalSearchPosition.TryParse(key) ?? throw ValidationFailedException.For("page_token", "is not a token from this query");

    /// <summary>At most this long: it is a justification, kept in the audit log.</summary>
    public const int MaxDuplicateOverrideReasonLength = 1000;

    private static string ValidateDuplicateOverrideReason(string reason)
    {
        new Validator().MaxLength("duplicate_override_reason", reason, MaxDuplicateOverrideReasonLength).ThrowIfInvalid();
        return reason.Trim();
    }

    /// <summary>
    /// Refuses a create or a change (of name, aliases, date of birth or PNC id) that makes the
    /// nominal likely duplicate another of the force (same PNC id, or same name and date of birth)
    /// unless the caller gave a reason to go on; with one, the audit entry carries it. Returns the
    /// call scope to audit the create or change with. The refusal names only resource names, which
    /// are not personal data. <paramref name="self"/> is the changed nominal's id (never its own
    /// duplicate). Takes the force's duplicate-check lock first, so that two creates or changes of
    /// the same person at once cannot both pass.
    /// </summary>
    private async Task<CallScope> CheckLikelyDuplicatesAsync(Session s, CallScope call, NominalDetails details, string overrideReason, string? self = null)
    {
        await s.LockAsync("create-nominal:" + call.Force);
        var duplicates = (await searchIndex.FindLikelyDuplicatesAsync(s, call.Force, details)).Where(d => d.Id != self).ToList();
        if (duplicates.Count == 0)
        {
            return call;
        }
        if (overrideReason.Length == 0)
        {
            var names = string.Join(", ", duplicates.Select(d => d.ResourceName));
            throw new PreconditionFailedException("POSSIBLE_DUPLICATES", "duplicate_override_reason",
                $"{duplicates.Count} likely duplicate(s) in this force (same PNC id, or same name and date of birth): {names}. "
                + "Check them; to go on anyway, repeat with duplicate_override_reason.");
        }
        var justification = "duplicate override: " + overrideReason;
        var actor = call.Actor;
        return call with { Actor = actor with { Justification = actor.Justification.Length > 0 ? actor.Justification + "; " + justification : justification } };
    }

    private static MatchKind ToContract(NameMatch match) => match switch
    {
        NameMatch.ExactName => MatchKind.ExactName,
        NameMatch.Alias => MatchKind.Alias,
        NameMatch.Phonetic => MatchKind.Phonetic,
        _ => MatchKind.Identifier,
    };
}
