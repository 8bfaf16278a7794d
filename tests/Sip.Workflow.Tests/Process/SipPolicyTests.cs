namespace Sip.Workflow.Tests.Process;

public sealed class SipPolicyTests
{
    [Fact]
    public void The_law_is_in_force_under_every_preset()
    {
        foreach (var policy in SipPolicy.Presets)
        {
            SipRequirements.All.Where(r => r.Source == RequirementSource.Law).Should().OnlyContain(r => policy.IsInForce(r));
            policy.Validate().Should().BeEmpty();
        }
    }

    [Fact]
    public void The_national_minimum_is_the_law_and_nothing_more()
    {
        // A summons needs a meeting to summon to, whatever the policy: that one guidance rule is always in force.
        // Readings of the law are on unless a policy switches them off.
        SipRequirements.All.Where(r => r.Source is not (RequirementSource.Law or RequirementSource.DerivedFromLaw) && r.Kind == RequirementKind.Guard
                && r != SipRequirements.SummonsMeetingScheduled && r != SipRequirements.SummonsMeetingAhead && r != SipRequirements.PlanMeetingHeld)
            .Should().OnlyContain(r => !SipPolicy.NationalMinimum.IsInForce(r));
        SipRequirements.All.Where(r => r.Source is RequirementSource.Law or RequirementSource.DerivedFromLaw)
            .Should().OnlyContain(r => SipPolicy.NationalMinimum.IsInForce(r));
        SipPolicy.NationalMinimum.IsInForce(SipRequirements.SummonsMeetingScheduled).Should().BeTrue();
        SipPolicy.NationalMinimum.FirstMeetingWithin.Should().BeNull();
        SipPolicy.NationalMinimum.DischargeSummonsWithin.Should().Be(TimeSpan.FromDays(3));
    }

    [Fact]
    public void Region_Halland_meets_within_30_days_with_a_named_coordinator()
    {
        SipPolicy.RegionHalland.FirstMeetingWithin.Should().Be(TimeSpan.FromDays(30));
        SipPolicy.RegionHalland.IsInForce(SipRequirements.PlanCoordinator).Should().BeTrue();
        SipPolicy.RegionHalland.RoleOf(ParticipantKind.School).Should().Be(ParticipationRole.Invited);
    }

    [Fact]
    public void Vastra_Gotaland_calls_school_and_always_offers_SIP_at_discharge()
    {
        SipPolicy.VastraGotaland.RoleOf(ParticipantKind.School).Should().Be(ParticipationRole.Called);
        SipPolicy.VastraGotaland.IsInForce(SipRequirements.DischargeOffer).Should().BeTrue();
        SipPolicy.VastraGotaland.IsInForce(SipRequirements.PlanInterventionDetails).Should().BeTrue();
    }

    [Theory]
    [InlineData(ParticipantKind.SocialServices, ParticipationRole.Called)]
    [InlineData(ParticipantKind.RegionalHealthCare, ParticipationRole.Called)]
    [InlineData(ParticipantKind.MunicipalHealthCare, ParticipationRole.Called)]
    [InlineData(ParticipantKind.SocialInsuranceAgency, ParticipationRole.Invited)]
    [InlineData(ParticipantKind.PublicEmploymentService, ParticipationRole.Invited)]
    [InlineData(ParticipantKind.PrisonAndProbationService, ParticipationRole.Invited)]
    [InlineData(ParticipantKind.NextOfKin, ParticipationRole.Invited)]
    [InlineData(ParticipantKind.GuardianAdLitem, ParticipationRole.Invited)]
    public void Principals_are_called_and_other_actors_invited(ParticipantKind kind, ParticipationRole role)
        => SipPolicy.NationalGuidance.RoleOf(kind).Should().Be(role);

    [Fact]
    public void A_preset_can_be_copied_and_adjusted_without_changing_the_preset()
    {
        var local = SipPolicy.RegionHalland with { Name = "Halland, Kungsbacka", StartWithin = TimeSpan.FromDays(2), RequireInterventionDetails = true };

        local.IsInForce(SipRequirements.PlanInterventionDetails).Should().BeTrue();
        local.FirstMeetingWithin.Should().Be(TimeSpan.FromDays(30));
        SipPolicy.RegionHalland.IsInForce(SipRequirements.PlanInterventionDetails).Should().BeFalse();
        SipPolicy.RegionHalland.StartWithin.Should().Be(TimeSpan.FromDays(5));
        new SipProcess(local).RequirementsInForce.Should().Contain(SipRequirements.PlanInterventionDetails);
    }

    [Fact]
    public void An_invalid_policy_is_refused_with_every_problem_in_one_message()
    {
        var bad = SipPolicy.NationalGuidance with
        {
            Name = " ",
            DischargeSummonsWithin = TimeSpan.FromDays(5),
            StartWithin = TimeSpan.Zero,
            FirstMeetingWithin = TimeSpan.FromDays(-1),
        };

        var act = () => new SipProcess(bad);

        var message = act.Should().Throw<ArgumentException>().WithParameterName("policy").Which.Message;
        message.Should().Contain("Name").And.Contain("DischargeSummonsWithin").And.Contain("three days")
            .And.Contain("StartWithin").And.Contain("FirstMeetingWithin");
        bad.Validate().Should().HaveCount(4);
    }

    [Fact]
    public void Engine_options_with_an_invalid_policy_are_refused_at_construction()
    {
        var act = () => new SipWorkflow(new Sip.Workflow.InMemory.InMemorySipCaseStore(),
            new SipWorkflowOptions { Policy = SipPolicy.NationalMinimum with { FollowUpGracePeriod = TimeSpan.FromDays(-2) } });

        act.Should().Throw<ArgumentException>().WithMessage("*FollowUpGracePeriod*");
    }
}
