using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>The indexed projection every store writes is computed once, by the core.</summary>
public sealed class SipCaseIndexTests
{
    [Fact]
    public async Task The_index_of_a_case_holds_its_state_subject_lead_and_next_deadline()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();

        var index = SipCaseIndex.Of(c);

        index.Id.Should().Be(c.Id);
        index.Version.Should().Be(c.Version);
        index.State.Should().Be(SipState.PlanEstablished);
        index.Subject.Should().Be(c.Individual.Reference.Value);
        index.LeadPrincipal.Should().Be(c.LeadPrincipal!.Principal);
        index.LeadOrganisation.Should().Be(c.LeadPrincipal.Organisation.Identifier ?? c.LeadPrincipal.Organisation.Name);
        index.NextDeadlineUtcTicks.Should().Be(c.NextDeadline?.UtcTicks);
        index.ToString().Should().NotContain(c.Individual.Reference.Value, "the subject is the host's reference to a person");
    }

    [Fact]
    public async Task Only_the_groups_whose_values_changed_are_reported()
    {
        var s = new SipScenario();
        var opened = await s.OpenAsync();
        var consented = await s.ConsentAsync(opened.Id);
        var preparing = (await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = opened.Id, Actor = s.Actor }, TestContext.Current.CancellationToken)).Case;

        SipCaseIndex.Of(consented).ChangedFrom(SipCaseIndex.Of(opened)).Should().Be(SipCaseIndexColumns.None, "a consent changes no indexed value");
        SipCaseIndex.Of(preparing).ChangedFrom(SipCaseIndex.Of(consented)).Should().HaveFlag(SipCaseIndexColumns.State)
            .And.NotHaveFlag(SipCaseIndexColumns.Subject).And.NotHaveFlag(SipCaseIndexColumns.Lead);
    }

    [Fact]
    public async Task A_query_matches_a_case_exactly_when_it_matches_its_index()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var lead = c.LeadPrincipal!;
        SipCaseQuery[] queries =
        [
            new(), new() { State = SipState.PlanEstablished }, new() { State = SipState.Closed },
            new() { Subject = c.Individual.Reference }, new() { Subject = new SubjectReference("someone-else") },
            new() { LeadPrincipal = lead.Principal }, new() { LeadOrganisation = lead.Organisation.Identifier ?? lead.Organisation.Name },
            new() { LeadOrganisation = "another unit" },
            new() { DeadlineAtOrBefore = c.NextDeadline!.Value }, new() { DeadlineAtOrBefore = c.NextDeadline!.Value.AddTicks(-1) },
        ];

        queries.Select(q => q.Matches(c)).Should().Equal(true, true, false, true, false, true, true, false, true, false);
        queries.Select(q => SipCaseIndex.Of(c).Matches(q)).Should().Equal(queries.Select(q => q.Matches(c)));
    }
}
