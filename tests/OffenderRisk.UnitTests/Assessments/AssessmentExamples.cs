using ArmsFactorCatalogue = OffenderRisk.Assessments.Domain.Tools.ArmsFactorCatalogue;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>Complete, valid assessments as a caller sends them (synthetic); each test changes one thing.</summary>
internal static class AssessmentExamples
{
    public const string NominalName = "nominals/0193a5f0-0000-7000-8000-000000000001";
    public const string VictimName = NominalName + "/victims/0193a5f0-0000-7000-8000-0000000000b1";

    /// <summary>TOOLS.md's worked example as OspExamples holds it: OSP/DC 30 points (high), OSP/IIC low, so the tool outcome is high.</summary>
    public static OspInputs WorkedExampleInputs()
    {
        var example = OspExamples.WorkedExample();
        return new OspInputs
        {
            DateOfBirth = DateOf(example.DateOfBirth!.Value),
            Gender = OffenderRisk.Contracts.Assessments.V1.Gender.Male,
            FollowUpStartDate = DateOf(example.FollowUpStartDate!.Value),
            ContactAdultSanctions = example.ContactAdultSanctions,
            TotalSanctions = example.TotalSanctions,
            LastSexualSanctionDate = DateOf(example.LastSexualSanctionDate!.Value),
            StrangerVictim = OffenderRisk.Contracts.Assessments.V1.StrangerVictim.Unknown,
        };
    }

    /// <summary>Every factor of the current list rated "not present", which needs no evidence.</summary>
    public static ArmsAssessment Arms() => new()
    {
        FactorListVersion = ArmsFactorCatalogue.CurrentVersion,
        Ratings = { ArmsFactorCatalogue.Current.Factors.Select(f => new ArmsFactorRating { Factor = f.Code, Rating = "not_present" }) },
        Priority = "medium",
        CaseFormulation = "Fictional formulation: offending linked to unsupervised access; protective factors developing.",
    };

    /// <summary>An ARMS of the worked example whose overall level is <paramref name="childrenLevel"/> (the other groups low): high agrees with the tool.</summary>
    public static Assessment Agreeing(RiskLevel childrenLevel = RiskLevel.High) => new()
    {
        Nominal = NominalName,
        Kind = AssessmentKind.Arms,
        OspInputs = WorkedExampleInputs(),
        Arms = Arms(),
        GroupLevels =
        {
            new GroupRisk { Group = AffectedGroup.Children, Level = childrenLevel },
            new GroupRisk { Group = AffectedGroup.KnownAdults, Level = RiskLevel.Low },
            new GroupRisk { Group = AffectedGroup.Public, Level = RiskLevel.Low },
            new GroupRisk { Group = AffectedGroup.Staff, Level = RiskLevel.Low },
        },
        Likelihood = "Likely within the next year if unsupervised contact resumes.",
        Frequency = "Opportunistic; past offences a year apart.",
        Extent = "Serious psychological and physical harm.",
        StaticFactors = { StaticRiskFactor.PreviousConvictions, StaticRiskFactor.PreviousSexualAssault },
        DynamicFactors = { DynamicRiskFactor.AccessToVictims, DynamicRiskFactor.SubstanceMisuse },
        Victims = new VictimConsideration { Consideration = "The one recorded victim's no-contact wish was weighed.", Victims = { VictimName } },
        RiskToChildren = new RiskToChildren
        {
            Conclusion = RiskToChildrenConclusion.PosesRisk,
            InformationSources = { "Probation pre-sentence report", "Children's services referral" },
            Rationale = "Previous contact offence against a child and renewed access.",
        },
    };

    /// <summary>An ARMS whose overall level <paramref name="finalLevel"/> departs from the computed high, with its reasons.</summary>
    public static Assessment Overriding(RiskLevel finalLevel)
    {
        var assessment = Agreeing(finalLevel);
        assessment.OverrideRationale = "Recent intelligence of contact with a child not reflected in the tool.";
        assessment.OverrideJustification = "Home visit report and partner agency information, both recorded.";
        return assessment;
    }

    /// <summary>A risk of serious harm assessment on judgement alone: no OSP inputs, no ARMS, so no tool outcome.</summary>
    public static Assessment OnJudgementAlone(RiskLevel childrenLevel = RiskLevel.Medium)
    {
        var assessment = Agreeing(childrenLevel);
        assessment.Kind = AssessmentKind.RiskOfSeriousHarm;
        assessment.OspInputs = null;
        assessment.Arms = null;
        return assessment;
    }

    public static (Domain.AssessmentDetails Details, Domain.AssessmentOutcome Outcome) Assess(Assessment assessment) =>
        OffenderRisk.Assessments.Grpc.AssessmentValidation.Assess(assessment, "assessment");

    public static CalendarDate DateOf(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
