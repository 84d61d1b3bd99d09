using Google.Protobuf;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;

namespace OffenderRisk.IdentityChecks.Enquiries;

/// <summary>What a credential check asks: the PNC driver record, a driving licence, a passport (each optional).</summary>
public sealed record CredentialQuestions(string PncId, string DrivingLicenceNumber, string PassportNumber, EnquiryGround Ground);

/// <summary>What the agencies said during a credential check, and which enquiry said it.</summary>
public sealed record CredentialAnswers(CredentialObservations Observations, IReadOnlyList<AgencyResultRecord> Results);

/// <summary>
/// The agency enquiries of a credential check (R-IC2), each through <see cref="EnquiryRunner"/>
/// (deduplicated, audited, stored as it comes), and the names and document numbers they report.
/// </summary>
public sealed class CredentialEnquiries(EnquiryRunner runner, PncClient pnc, DvlaClient dvla, HmpoClient hmpo)
{
    public async Task<CredentialAnswers> AskAsync(CallScope call, NominalSnapshot nominal, CredentialQuestions questions)
    {
        var names = new List<ObservedName>();
        var licences = new List<ObservedDocument>();
        var passports = new List<ObservedDocument>();
        var changes = new List<ObservedNameChange>();
        var results = new List<AgencyResultRecord>();

        // Runs one enquiry and notes which enquiry answered; the typed answer, or null when not found.
        async Task<T?> Ask<T>(EnquirySpec spec, Func<CancellationToken, Task<AgencyLookup<T>>> ask) where T : class, IMessage<T>, new()
        {
            var answer = await runner.RunAsync(call, nominal, spec, ask);
            results.Add(new AgencyResultRecord(spec.Agency, answer.Record.Id, answer.Record.Found, answer.Deduplicated));
            return answer.Result;
        }

        var pncId = questions.PncId;
        // R-IC4: the PNC driver record is the preferred route: it links earlier records and name changes.
        if (pncId.Length > 0
            && await Ask(new EnquirySpec(Agency.Pnc, "driver-records.lookup", pncId, EnquiryGround.Unspecified), t => pnc.LookupDriverRecordAsync(pncId, t)) is { } record)
        {
            names.Add(Observed(record.CurrentName, Agency.Pnc));
            licences.Add(new ObservedDocument(record.DriverNumber, Agency.Pnc));
            foreach (var change in record.NameChanges)
            {
                var previous = Observed(change.PreviousName, Agency.Pnc);
                var next = Observed(change.NewName, Agency.Pnc);
                names.Add(previous);
                names.Add(next);
                changes.Add(new ObservedNameChange(FormatDate(change.EffectiveDate), previous, next));
                if (change.PreviousDriverNumber.Length > 0)
                {
                    licences.Add(new ObservedDocument(change.PreviousDriverNumber, Agency.Pnc));
                }
            }
            foreach (var link in record.LinkedRecords)
            {
                if (link.NameOnRecord is not null)
                {
                    names.Add(Observed(link.NameOnRecord, Agency.Pnc));
                }
                if (link.DriverNumber.Length > 0)
                {
                    licences.Add(new ObservedDocument(link.DriverNumber, Agency.Pnc));
                }
            }
        }
        var licenceNumber = questions.DrivingLicenceNumber;
        if (licenceNumber.Length > 0
            && await Ask(new EnquirySpec(Agency.Dvla, "driver-licences.validate", licenceNumber, questions.Ground), t => dvla.ValidateLicenceAsync(licenceNumber, t)) is { } licence)
        {
            names.Add(Observed(licence.HolderName, Agency.Dvla));
            licences.Add(new ObservedDocument(licence.DrivingLicenceNumber, Agency.Dvla));
        }
        var passportNumber = questions.PassportNumber;
        if (passportNumber.Length > 0
            && await Ask(new EnquirySpec(Agency.Hmpo, "passports.lookup", passportNumber, questions.Ground), t => hmpo.LookupPassportAsync(passportNumber, t)) is { } passport)
        {
            names.Add(Observed(passport.HolderName, Agency.Hmpo));
            passports.Add(new ObservedDocument(passport.PassportNumber, Agency.Hmpo));
            passports.AddRange(passport.PreviousPassportNumbers.Select(p => new ObservedDocument(p, Agency.Hmpo)));
        }
        return new CredentialAnswers(new CredentialObservations(names, licences, passports, changes), results);
    }

    private static ObservedName Observed(PersonName name, Agency agency) => new(name.FamilyName, name.GivenNames, agency);

    private static string FormatDate(CalendarDate? date) =>
        date is null ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";
}
