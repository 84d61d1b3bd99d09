
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.UnitTests.IdentityChecks;

/// <summary>R-IC2: each credential check is compared with the earlier ones; discrepancies are flagged.</summary>
public sealed class CredentialComparisonTests
{
    private static readonly (string, string)[] Recorded = [("TESTPERSON", "Alpha Fictional"), ("TESTPERSON-ALIAS", "Al")];

    private static ObservedName Name(string family, string given, Agency agency = Agency.Pnc) => new(family, given, agency);

    private static CredentialObservations Observed(ObservedName[]? names = null, string[]? licences = null, string[]? passports = null, ObservedNameChange[]? changes = null) =>
        new(names ?? [], (licences ?? []).Select(l => new ObservedDocument(l, Agency.Dvla)).ToList(),
            (passports ?? []).Select(p => new ObservedDocument(p, Agency.Hmpo)).ToList(), changes ?? []);

    [Fact]
    public void R_IC2_a_first_check_matching_the_recorded_names_raises_nothing()
    {
        // Agencies hold fewer forenames than the record: surname and first forename decide.
        var first = Observed([Name("TESTPERSON", "Alpha"), Name("testperson", "ALPHA", Agency.Hmpo)], ["TESTP801010AA9AA"], ["990000001"]);
        Assert.Empty(CredentialComparison.Compare(first, [], Recorded));
    }

    [Fact]
    public void R_IC2_a_first_check_flags_a_name_the_record_does_not_hold()
    {
        var found = CredentialComparison.Compare(Observed([Name("TESTMARRIED", "Alpha")]), [], Recorded);
        var d = Assert.Single(found);
        Assert.Equal(DiscrepancyKind.NewName, d.Kind);
        Assert.Equal("TESTMARRIED Alpha", d.Detail);
        Assert.Equal(Agency.Pnc, d.Agency);
    }

    [Fact]
    public void R_IC2_document_numbers_of_the_first_check_are_the_baseline_and_a_new_one_later_is_flagged()
    {
        var first = Observed([Name("TESTPERSON", "Alpha")], ["TESTP801010AA9AA"], ["990000001", "990000901"]);
        Assert.Empty(CredentialComparison.Compare(first, [], Recorded));

        var later = Observed([Name("TESTPERSON", "Alpha")], ["TESTP801010AA9AA"], ["990000002", "990000001"]);
        var d = Assert.Single(CredentialComparison.Compare(later, [first], Recorded));
        Assert.Equal((DiscrepancyKind.NewPassportNumber, "990000002"), (d.Kind, d.Detail));

        var newLicence = Observed([], ["TESTP809999ZZ9ZZ"]);
        Assert.Equal(DiscrepancyKind.NewDrivingLicenceNumber, Assert.Single(CredentialComparison.Compare(newLicence, [first], Recorded)).Kind);
    }

    [Fact]
    public void R_IC2_a_name_seen_by_an_earlier_check_is_not_flagged_again()
    {
        var earlier = Observed([Name("TESTMARRIED", "Alpha")]);
        Assert.Empty(CredentialComparison.Compare(Observed([Name("TESTMARRIED", "Alpha")]), [earlier], Recorded));
    }

    [Fact]
    public void R_IC4_a_PNC_name_change_is_flagged_once()
    {
        var change = new ObservedNameChange("2019-03-04", Name("TESTMARRIED", "Bravo"), Name("TESTPERSON", "Bravo"));
        var first = Observed([Name("TESTPERSON", "Bravo"), Name("TESTMARRIED", "Bravo")], changes: [change]);
        var bravo = new[] { ("TESTPERSON", "Bravo") };
        var found = CredentialComparison.Compare(first, [], bravo);
        Assert.Contains(found, d => d.Kind == DiscrepancyKind.PncNameChange && d.Detail.Contains("2019-03-04", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Kind == DiscrepancyKind.NewName && d.Detail == "TESTMARRIED Bravo");

        Assert.Empty(CredentialComparison.Compare(first, [first], bravo));
    }

    [Fact]
    public void R_IC4_a_first_check_showing_a_change_between_recorded_names_is_not_a_discrepancy()
    {
        var change = new ObservedNameChange("2019-03-04", Name("TESTPERSON-ALIAS", "Al"), Name("TESTPERSON", "Alpha"));
        Assert.Empty(CredentialComparison.Compare(Observed([Name("TESTPERSON", "Alpha")], changes: [change]), [], Recorded));
    }

    [Fact]
    public void The_work_item_carries_a_code_never_the_detail()
    {
        var one = new[] { new CredentialDiscrepancy(DiscrepancyKind.NewPassportNumber, "990000002", Agency.Hmpo) };
        Assert.Equal("IDENTITY_NEW_PASSPORT_NUMBER", CredentialComparison.SummaryCode(one));
        var two = one.Append(new CredentialDiscrepancy(DiscrepancyKind.NewName, "TESTPERSON Bravo", Agency.Hmpo)).ToArray();
        Assert.Equal("IDENTITY_MULTIPLE_DISCREPANCIES", CredentialComparison.SummaryCode(two));
    }
}
