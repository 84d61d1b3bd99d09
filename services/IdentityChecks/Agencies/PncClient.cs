using System.Net;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>What a lookup found: the mapped record, or nothing (found = false).</summary>
public sealed record AgencyLookup<T>(bool Found, T? Record, int Attempts) where T : class;

/// <summary>
/// Police National Computer: person records and driver records. The driver record links earlier
/// records and shows name changes (R-IC4), which DVLA does not. Contract: deploy/stubs/pnc/README.md.
/// </summary>
public sealed class PncClient(HttpClient http, IOptionsMonitor<AgencyOptions> options, ServiceTelemetry telemetry, TimeProvider clock, ILogger<PncClient> logger)
    : AgencyClient(http, options.Get(AgencyNames.Key(Agency.Pnc)), telemetry, clock, logger)
{
    protected override Agency Agency => Agency.Pnc;

    public Task<AgencyLookup<PncPersonRecord>> LookupPersonAsync(string pncId, CancellationToken ct) =>
        LookupAsync<PersonAnswer, PncPersonRecord>("persons.lookup", "pnc/v1/persons/lookup", new { pncId }, a => a.ToContract(), "lookup", ct);

    public Task<AgencyLookup<PncDriverRecord>> LookupDriverRecordAsync(string pncId, CancellationToken ct) =>
        LookupAsync<DriverRecordAnswer, PncDriverRecord>("driver-records.lookup", "pnc/v1/driver-records/lookup", new { pncId }, a => a.ToContract(), "lookup", ct);

    private sealed class PersonAnswer : IAgencyAnswer
    {
        public required string PncId { get; set; }
        public string? CroNumber { get; set; }
        public required string RecordStatus { get; set; }
        public string? SupersededBy { get; set; }
        public required NameAnswer Person { get; set; }
        public List<NameAnswer>? Aliases { get; set; }
        public List<string>? MergedRecords { get; set; }
        public List<WarningSignalAnswer>? WarningSignals { get; set; }
        public bool WantedOrMissing { get; set; }
        public DateTimeOffset? LastUpdated { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("pncId", PncId, AgencyIdentifiers.PncIdPattern());
            check.Matches("croNumber", CroNumber, AgencyIdentifiers.CroNumberPattern(), optional: true);
            check.Code("recordStatus", RecordStatus);
            check.Matches("supersededBy", SupersededBy, AgencyIdentifiers.PncIdPattern(), optional: true);
            Person.Validate(check, "person", dateOfBirthRequired: true);
            foreach (var alias in check.Items("aliases", Aliases, 50))
            {
                alias.Validate(check, "aliases[]");
            }
            foreach (var merged in check.Items("mergedRecords", MergedRecords, 50))
            {
                check.Matches("mergedRecords[]", merged, AgencyIdentifiers.PncIdPattern());
            }
            foreach (var signal in check.Items("warningSignals", WarningSignals, 50))
            {
                check.Code("warningSignals[].code", signal.Code);
            }
        }

        public PncPersonRecord ToContract()
        {
            var record = new PncPersonRecord
            {
                PncId = PncId,
                CroNumber = CroNumber ?? "",
                RecordStatus = RecordStatus,
                SupersededBy = SupersededBy ?? "",
                Name = Person.ToName(),
                DateOfBirth = AnswerMapping.ToDate(Person.DateOfBirth),
                WantedOrMissing = WantedOrMissing,
                UpdateTime = AnswerMapping.ToTimestamp(LastUpdated),
            };
            record.Aliases.AddRange((Aliases ?? []).Select(a => a.ToName()));
            record.MergedRecords.AddRange(MergedRecords ?? []);
            record.WarningSignalCodes.AddRange((WarningSignals ?? []).Select(s => s.Code));
            return record;
        }
    }

    private sealed class WarningSignalAnswer
    {
        public required string Code { get; set; }
    }

    private sealed class DriverRecordAnswer : IAgencyAnswer
    {
        public required string PncId { get; set; }
        public required string DriverNumber { get; set; }
        public required NameAnswer CurrentName { get; set; }
        public string? DateOfBirth { get; set; }
        public required string LicenceStatus { get; set; }
        public required List<NameChangeAnswer> NameChanges { get; set; }
        public required List<LinkedRecordAnswer> LinkedRecords { get; set; }
        public List<System.Text.Json.JsonElement>? Disqualifications { get; set; }
        public DateTimeOffset? LastUpdated { get; set; }

        public void Validate(AnswerCheck check)
        {
            check.Matches("pncId", PncId, AgencyIdentifiers.PncIdPattern());
            check.Matches("driverNumber", DriverNumber, AgencyIdentifiers.DrivingLicencePattern());
            CurrentName.Validate(check, "currentName");
            check.Date("dateOfBirth", DateOfBirth, optional: true);
            check.Code("licenceStatus", LicenceStatus);
            foreach (var change in check.Items("nameChanges", NameChanges, 50))
            {
                check.Date("nameChanges[].effectiveDate", change.EffectiveDate);
                check.Code("nameChanges[].reason", change.Reason);
                change.PreviousName.Validate(check, "nameChanges[].previousName");
                change.NewName.Validate(check, "nameChanges[].newName");
                check.Matches("nameChanges[].previousDriverNumber", change.PreviousDriverNumber, AgencyIdentifiers.DrivingLicencePattern(), optional: true);
            }
            foreach (var link in check.Items("linkedRecords", LinkedRecords, 50))
            {
                check.Matches("linkedRecords[].pncId", link.PncId, AgencyIdentifiers.PncIdPattern());
                check.Matches("linkedRecords[].driverNumber", link.DriverNumber, AgencyIdentifiers.DrivingLicencePattern(), optional: true);
                check.Code("linkedRecords[].relationship", link.Relationship);
                link.NameOnRecord?.Validate(check, "linkedRecords[].nameOnRecord");
                check.Date("linkedRecords[].linkedOn", link.LinkedOn, optional: true);
                check.Code("linkedRecords[].linkReason", link.LinkReason, optional: true);
            }
            check.Items("disqualifications", Disqualifications, 50);
        }

        public PncDriverRecord ToContract()
        {
            var record = new PncDriverRecord
            {
                PncId = PncId,
                DriverNumber = DriverNumber,
                CurrentName = CurrentName.ToName(),
                DateOfBirth = AnswerMapping.ToDate(DateOfBirth),
                LicenceStatus = LicenceStatus,
                DisqualificationCount = Disqualifications?.Count ?? 0,
                UpdateTime = AnswerMapping.ToTimestamp(LastUpdated),
            };
            record.NameChanges.AddRange(NameChanges.Select(c => new NameChange
            {
                EffectiveDate = AnswerMapping.ToDate(c.EffectiveDate),
                Reason = c.Reason,
                PreviousName = c.PreviousName.ToName(),
                NewName = c.NewName.ToName(),
                PreviousDriverNumber = c.PreviousDriverNumber ?? "",
            }));
            record.LinkedRecords.AddRange(LinkedRecords.Select(l => new LinkedRecord
            {
                PncId = l.PncId,
                DriverNumber = l.DriverNumber ?? "",
                Relationship = l.Relationship,
                NameOnRecord = l.NameOnRecord?.ToName(),
                LinkedDate = AnswerMapping.ToDate(l.LinkedOn),
                LinkReason = l.LinkReason ?? "",
            }));
            return record;
        }
    }

    private sealed class NameChangeAnswer
    {
        public required string EffectiveDate { get; set; }
        public required string Reason { get; set; }
        public required NameAnswer PreviousName { get; set; }
        public required NameAnswer NewName { get; set; }
        public string? PreviousDriverNumber { get; set; }
    }

    private sealed class LinkedRecordAnswer
    {
        public required string PncId { get; set; }
        public string? DriverNumber { get; set; }
        public required string Relationship { get; set; }
        public NameAnswer? NameOnRecord { get; set; }
        public string? LinkedOn { get; set; }
        public string? LinkReason { get; set; }
    }
}
