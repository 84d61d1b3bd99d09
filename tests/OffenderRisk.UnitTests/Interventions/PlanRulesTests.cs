using OffenderRisk.Interventions.Domain;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Interventions.PlanExamples;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>What a plan version must say (R-MG4, R-VI1, bounded input) and what its nominal decides (R-MG3, R-MG5, R-RM4).</summary>
public sealed class PlanRulesTests
{
    [Fact]
    public void R_MG4_a_complete_plan_passes()
    {
        var v = new Validator();

        PlanRules.Check(v, Content(), "plan");
        PlanRules.CheckForNominal(PlanKind.Police, Content(), Officer, ActiveNominal(), Today, "plan");

        Assert.Empty(v.Problems);
    }

    [Fact]
    public void R_MG4_a_plan_without_objectives_or_actions_is_refused_citing_the_rule()
    {
        var problems = Problems(Content() with { Objectives = [], Actions = [] });

        Assert.Contains(problems, p => p is { Field: "plan.objectives", RuleId: "R-MG4" });
        Assert.Contains(problems, p => p is { Field: "plan.actions", RuleId: "R-MG4" });
    }

    [Fact]
    public void R_MG4_an_action_without_owner_due_date_heading_or_objective_is_refused_field_by_field()
    {
        var content = Content();
        var bare = new PlanAction("bare", ActionHeading.Unspecified, "Something.", "", default, []);

        var problems = Problems(content with { Actions = [.. content.Actions, bare] });

        Assert.Equal(
            ["plan.actions[2].due_date", "plan.actions[2].heading", "plan.actions[2].objectives", "plan.actions[2].owner"],
            problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal("R-MG4", p.RuleId));
    }

    [Fact]
    public void R_MG4_an_action_serving_an_objective_the_plan_does_not_have_is_refused()
    {
        var content = Content();
        var stray = content.Actions[0] with { Objectives = ["not-here"] };

        var problem = Assert.Single(Problems(content with { Actions = [stray, content.Actions[1]] }));

        Assert.Equal(("plan.actions[0].objectives[0]", "R-MG4"), (problem.Field, problem.RuleId));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1st")]
    [InlineData("a b")]
    [InlineData("ok\n")]
    [InlineData("a-forty-one-characters-long-identifier-xx")]
    public void R_MG4_ids_must_be_whole_values_of_the_contracts_pattern(string id)
    {
        var content = Content();

        var problems = Problems(content with { Objectives = [content.Objectives[0] with { Id = id }, content.Objectives[1]] });

        Assert.Contains(problems, p => p.Field == "plan.objectives[0].id");
    }

    [Fact]
    public void R_MG4_two_actions_with_one_id_are_refused()
    {
        var content = Content();

        var problem = Assert.Single(Problems(content with { Actions = [content.Actions[0], content.Actions[1] with { Id = content.Actions[0].Id }] }));

        Assert.Equal("plan.actions[1].id", problem.Field);
    }

    [Fact]
    public void Bounded_input_21_objectives_and_51_actions_are_refused_without_reading_them()
    {
        var content = Content();
        var objectives = Enumerable.Range(0, PlanRules.MaxObjectives + 1).Select(i => new PlanObjective($"o{i}", "An outcome.")).ToList();
        var actions = Enumerable.Range(0, PlanRules.MaxActions + 1).Select(i => content.Actions[0] with { Id = $"a{i}" }).ToList();

        var problems = Problems(content with { Objectives = objectives, Actions = actions });

        Assert.Equal(["plan.actions", "plan.objectives"], problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bounded_input_an_owner_outside_its_characters_or_length_is_refused()
    {
        var content = Content();
        var actions = new[] { content.Actions[0] with { Owner = "PC 1; DROP" }, content.Actions[1] with { Owner = new string('a', 101) } };

        var problems = Problems(content with { Actions = actions });

        Assert.Contains(problems, p => p.Field == "plan.actions[0].owner");
        Assert.Contains(problems, p => p.Field == "plan.actions[1].owner");
    }

    [Fact]
    public void R_VI1_victim_safety_is_required()
    {
        var problem = Assert.Single(Problems(Content() with { VictimSafety = " " }));

        Assert.Equal(("plan.victim_safety", "R-VI1"), (problem.Field, problem.RuleId));
    }

    [Fact]
    public void R_VI1_victims_identified_needs_an_action_under_victim_safety_planning()
    {
        var content = Content();
        var withoutVictimAction = content with { Actions = [content.Actions[0]] };

        var problem = Assert.Single(Problems(withoutVictimAction));

        Assert.Equal(("plan.actions", "R-VI1"), (problem.Field, problem.RuleId));
        Assert.Empty(Problems(withoutVictimAction with { VictimsIdentified = false }));
    }

    [Fact]
    public void R_MG3_where_police_lead_the_police_plan_is_written_by_the_mosovo_officer_only()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Police, Content(), "PC-SOMEONE-ELSE", ActiveNominal(), Today, "plan"));

        Assert.Equal(("R-MG3", "plan.author"), (e.RuleId, e.Field));
        // Compared as user ids are: trimmed, case-insensitive.
        PlanRules.CheckForNominal(PlanKind.Police, Content(), " pc-plan-1 ", ActiveNominal(), Today, "plan");
        // Where police do not lead, anyone with the role writes it.
        PlanRules.CheckForNominal(PlanKind.Police, Content(), "PC-SOMEONE-ELSE", ActiveNominal() with { PoliceLead = false }, Today, "plan");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void R_MG5_a_mappa_plan_below_level_2_is_refused(int level)
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Mappa, Content(), "SGT-ANY", ActiveNominal(level), Today, "plan"));

        Assert.Equal(("R-MG5", "plan.kind"), (e.RuleId, e.Field));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void R_MG5_a_mappa_plan_at_level_2_or_3_is_accepted(int level) =>
        PlanRules.CheckForNominal(PlanKind.Mappa, Content(), "SGT-ANY", ActiveNominal(level), Today, "plan");

    [Fact]
    public void R_RM4_a_police_plan_of_a_reactive_nominal_must_have_no_review_date()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Police, Content(), Officer, ReactiveNominal(), Today, "plan"));

        Assert.Equal(("R-RM4", "plan.review_date"), (e.RuleId, e.Field));
        PlanRules.CheckForNominal(PlanKind.Police, Content() with { ReviewDate = null }, Officer, ReactiveNominal(), Today, "plan");
    }

    [Fact]
    public void R_RM4_any_other_plan_needs_a_review_date_after_today()
    {
        var blank = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Police, Content() with { ReviewDate = null }, Officer, ActiveNominal(), Today, "plan"));
        var today = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Police, Content(Today), Officer, ActiveNominal(), Today, "plan"));
        // A MAPPA plan of a reactive nominal is not the police plan: it is reviewed.
        var mappa = Assert.Throws<RuleViolationException>(() =>
            PlanRules.CheckForNominal(PlanKind.Mappa, Content() with { ReviewDate = null }, Officer, ReactiveNominal() with { MappaLevel = 2 }, Today, "plan"));

        Assert.All([blank, today, mappa], e => Assert.Equal(("R-RM4", "plan.review_date"), (e.RuleId, e.Field)));
        PlanRules.CheckForNominal(PlanKind.Police, Content(Today.AddDays(1)), Officer, ActiveNominal(), Today, "plan");
    }

    private static IReadOnlyList<FieldProblem> Problems(PlanContent content)
    {
        var v = new Validator();
        PlanRules.Check(v, content, "plan");
        return v.Problems;
    }
}
