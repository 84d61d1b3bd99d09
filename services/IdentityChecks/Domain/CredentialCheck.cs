namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>What one agency said during a credential check.</summary>
public sealed record AgencyResultRecord(Agency Agency, string EnquiryId, bool Found, bool Deduplicated);

/// <summary>A recorded credential check (R-IC2).</summary>
public sealed record CredentialCheckRecord(
    string Id, string NominalId, string ForceCode, EnquiryGround Ground, string PncId, string DrivingLicenceNumber, string PassportNumber,
    CredentialObservations Observations, IReadOnlyList<AgencyResultRecord> AgencyResults, IReadOnlyList<CredentialDiscrepancy> Discrepancies,
    int EarlierChecksCompared, NotificationState NotificationState, string WorkItem, string CheckedBy, DateTimeOffset CheckTime) : INominalRecord
{
    public string ResourceName => CredentialCheckNames.Format(Id);

    public string Nominal => NominalNames.Format(NominalId);

    /// <summary>
    /// R-IC2: a new check, compared with the earlier ones (newest first) and with the names the
    /// nominal record holds. A discrepancy owes the MOSOVO officer a work item: the check's
    /// notification is PENDING until it is delivered.
    /// </summary>
    public static CredentialCheckRecord Record(
        string id, string nominalId, string force, EnquiryGround ground, string pncId, string drivingLicenceNumber, string passportNumber,
        CredentialObservations observations, IReadOnlyList<AgencyResultRecord> agencyResults, IReadOnlyList<CredentialCheckRecord> earlier,
        IReadOnlyList<(string FamilyName, string GivenNames)> recordedNames, string checkedBy, DateTimeOffset now)
    {
        var discrepancies = CredentialComparison.Compare(observations, earlier.Select(e => e.Observations).ToList(), recordedNames);
        return new CredentialCheckRecord(id, nominalId, force, ground, pncId, drivingLicenceNumber, passportNumber, observations, agencyResults,
            discrepancies, earlier.Count, discrepancies.Count > 0 ? NotificationState.Pending : NotificationState.NotNeeded, "", checkedBy, now);
    }

    /// <summary>Whether the officer is owed a work item for this check.</summary>
    public bool OwesWorkItem => NotificationState == NotificationState.Pending;
}
