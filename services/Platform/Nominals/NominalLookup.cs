using Grpc.Core;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Naming;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.Platform.Nominals;

/// <summary>
/// What a service needs to know about a nominal, as the nominals service holds it: ids, codes and
/// the few facts callers decide on. The enums are the nominals contract's; a service with its own
/// vocabulary casts at its edge (same numbers). <see cref="MappaLevel"/> and <see cref="MappaCategory"/>
/// are the current MAPPA arrangements (R-MG1), 0 when there are none.
/// </summary>
public sealed record NominalSnapshot(
    string Id,
    string ForceCode,
    string MosovoOfficer,
    ManagementStatus ManagementStatus,
    NominalCategory Category,
    Gender Gender,
    DateOnly? DateOfBirth,
    string PncId,
    IReadOnlyList<(string FamilyName, string GivenNames)> Names,
    LeadAgency LeadAgency = LeadAgency.Unspecified,
    int MappaLevel = 0,
    int MappaCategory = 0) : IForceOwned
{
    public string ResourceName => NominalNames.Format(Id);
}

/// <summary>
/// The one way a service confirms a nominal named in a request: a record names a nominal that exists
/// and that the caller's force may see, and another force's is answered exactly as a missing one.
/// Asked of the nominals service on behalf of the caller's force, which scopes the read and audits it
/// as this service's consultation (R-AU1). Call it before opening a unit
/// of work, so that no transaction is held open across the remote call.
/// </summary>
public sealed class NominalLookup(NominalsServiceCalls calls, IOptions<NominalsServiceOptions> options)
{
    public const string Dependency = "nominals";

    /// <summary>
    /// The nominal <paramref name="nominalId"/>, if it exists and the caller's force may see it;
    /// NOT_FOUND under the name asked for otherwise; UNAVAILABLE (DEADLINE_EXCEEDED when it timed
    /// out) when the nominals service cannot answer.
    /// </summary>
    public async Task<NominalSnapshot> GetAsync(CallScope call, string nominalId)
    {
        var name = NominalNames.Format(nominalId);
        var ct = call.CancellationToken;
        try
        {
            var n = (await calls.Nominals.GetNominalAsync(new GetNominalRequest { Name = name }, calls.Options(call.Force, options.Value.Deadline, ct))).Nominal;
            var names = new List<(string, string)>();
            if (n.PrimaryName is { } primary)
            {
                names.Add((primary.FamilyName, primary.GivenNames));
            }
            names.AddRange(n.Aliases.Select(a => (a.FamilyName, a.GivenNames)));
            // The nominals service keeps only valid dates; an unset one is absent.
            DateOnly? dateOfBirth = n.DateOfBirth is { Year: > 0 } d ? new DateOnly(d.Year, d.Month, d.Day) : null;
            // Belt and braces: the nominals service scopes by the token's force already.
            return RecordAccess.Visible(
                new NominalSnapshot(nominalId, n.ForceCode, n.MosovoOfficer, n.ManagementStatus, n.Category, n.Gender, dateOfBirth, n.PncId, names,
                    n.LeadAgency, n.Mappa?.Level ?? 0, n.Mappa?.Category ?? 0),
                call, name);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new ResourceNotFoundException(name);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The records this service keeps about the nominal named <paramref name="nominalName"/> (field
    /// <paramref name="field"/>), a page at a time, once the nominal is confirmed: another force's
    /// nominal is NOT_FOUND here as everywhere, and the read is audited as a consultation of it.
    /// </summary>
    public async Task<Page<T>> ListForNominalAsync<T>(
        RecordAccess records, CallScope call, INominalRecords<T> store, string collection, string nominalName, string field, PageRequest request)
        where T : class, INominalRecord
    {
        await GetAsync(call, NominalNames.Parse(nominalName, field));
        return await records.ListForNominalAsync(call, store, collection, nominalName, field, request);
    }

    /// <summary>A failed call to the nominals service as this service's answer: by status only, never naming the nominal.</summary>
    public static DependencyUnavailableException Unavailable(RpcException e) => e.StatusCode switch
    {
        StatusCode.DeadlineExceeded => new DependencyUnavailableException(Dependency, "The nominals service did not answer in time; retry shortly.", timedOut: true),
        StatusCode.Unavailable => new DependencyUnavailableException(Dependency, "The nominals service is unavailable; retry shortly."),
        _ => new DependencyUnavailableException(Dependency, $"The nominals service could not answer ({e.StatusCode}); retry shortly."),
    };
}
