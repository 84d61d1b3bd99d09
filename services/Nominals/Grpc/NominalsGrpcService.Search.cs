using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>SearchNominals: the caller's force's nominals by name (with aliases and sound), date of birth and identifiers.</summary>
public sealed partial class NominalsGrpcService
{
    [Authorize(Policy = Policies.ReadNominals)]
    public override async Task<SearchNominalsResponse> SearchNominals(SearchNominalsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var criteria = NominalSearchCriteria.From(request);
        var size = PageToken.Size(request.PageSize, 25, 100);
        var fingerprint = criteria.Fingerprint(caller.Force);
        var after = PageToken.Decode(request.PageToken, fingerprint) is { } key
            ? NominalSearchPosition.TryParse(key) ?? throw new ValidationFailedException([new FieldProblem("page_token", "is not a token from this query")])
            : null;
        var ct = context.CancellationToken;

        return await database.InTransactionAsync(async (c, tx) =>
        {
            var hits = await searchIndex.SearchAsync(c, tx, caller.Force, criteria, after, size + 1, ct);
            var response = new SearchNominalsResponse();
            response.Results.AddRange(hits.Take(size).Select(h => new NominalSearchResult
            {
                Nominal = h.Nominal.ToContract(Today()),
                MatchKind = ToContract(h.Match),
            }));
            if (hits.Count > size)
            {
                var last = hits[size - 1];
                response.NextPageToken = PageToken.Encode(new NominalSearchPosition(last.Match, last.Nominal.Id).Encode(), fingerprint);
            }
            // One entry per search, on the collection: what was searched for is personal data.
            await audit.AppendAsync(c, tx, context, new AuditEvent(AuditOperation.Consultation, NominalNames.Collection, caller.Force), ct);
            return response;
        }, ct);
    }

    /// <summary>At most this long: it is a justification, kept in the audit log.</summary>
    public const int MaxDuplicateOverrideReasonLength = 1000;

    private static string ValidateDuplicateOverrideReason(string reason)
    {
        new Validator().MaxLength("duplicate_override_reason", reason, MaxDuplicateOverrideReasonLength).ThrowIfInvalid();
        return reason.Trim();
    }

    /// <summary>
    /// Refuses a create that likely duplicates a nominal of the force (same PNC id, or same name
    /// and date of birth) unless the caller gave a reason to go on; with one, the create's audit
    /// entry carries it. Returns the actor to audit the create with. The refusal names only
    /// resource names, which are not personal data.
    /// </summary>
    private async Task<AuditActor> CheckLikelyDuplicatesAsync(
        DbConnection c, DbTransaction tx, ServerCallContext context, string force, NominalDetails details, string overrideReason,
        CancellationToken ct)
    {
        var actor = LegacyAdapters.ActorOf(context);
        var duplicates = await searchIndex.FindLikelyDuplicatesAsync(c, tx, force, details, ct);
        if (duplicates.Count == 0)
        {
            return actor;
        }
        if (overrideReason.Length == 0)
        {
            var names = string.Join(", ", duplicates.Select(d => d.ResourceName));
            throw new PreconditionFailedException("POSSIBLE_DUPLICATES", "duplicate_override_reason",
                $"{duplicates.Count} likely duplicate(s) in this force (same PNC id, or same name and date of birth): {names}. "
                + "Check them; to create the nominal anyway, repeat with duplicate_override_reason.");
        }
        var justification = "duplicate override: " + overrideReason;
        return actor with { Justification = actor.Justification.Length > 0 ? actor.Justification + "; " + justification : justification };
    }

    private static MatchKind ToContract(NameMatch match) => match switch
    {
        NameMatch.ExactName => MatchKind.ExactName,
        NameMatch.Alias => MatchKind.Alias,
        NameMatch.Phonetic => MatchKind.Phonetic,
        _ => MatchKind.Identifier,
    };
}
