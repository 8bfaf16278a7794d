using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>
/// Seed 002: a child in Västra Götaland, need identified by student health. School is a called principal there; both
/// legal guardians consent; the summons states purpose, long-term goal and questions; every intervention says who,
/// what, when and where. After follow-up the long-term goal changed, so the SIP is closed and restarted.
/// </summary>
public sealed class ChildInVastraGotalandLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_child_with_two_guardians_gets_a_plan_with_school_called_and_is_restarted_with_new_consent()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var w = s.Workflow;
        var curator = new SipActor { UserId = "vgr-skola-551", Organisation = "Centralskolan elevhälsa", Role = "skolkurator" };

        var id = (await w.OpenCaseAsync(new OpenCase
        {
            Actor = curator, Individual = SipTestData.ChildWithTwoGuardians(), Origin = CaseOrigin.School(), IdentifiedBy = PrincipalKind.Municipality,
            IdentifyingUnit = SipTestData.SchoolUnit,
        }, Ct)).Case.Id;

        async Task Consent(string guardian) => await w.RecordConsentAsync(new RecordConsent
        {
            CaseId = id,
            Actor = curator,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.LegalGuardian, GiverReference = guardian, Form = ConsentForm.Written, GivenAt = s.Time.GetUtcNow() },
        }, Ct);

        await Consent("vh-1");
        var start = () => w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = curator }, Ct);
        (await s.ExpectUnmetAsync(id, "CONSENT-BOTH-GUARDIANS", start)).UnmetRequirements.Should().ContainSingle();
        await Consent("vh-2");
        (await start()).Case.State.Should().Be(SipState.Preparing);

        var school = await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = curator, Participant = new Participant { Kind = ParticipantKind.School, Organisation = SipTestData.SchoolUnit } }, Ct);
        school.Case.Participants.Single().Role.Should().Be(ParticipationRole.Called, "school is a called principal in Västra Götaland");
        var bup = new OrganisationReference { Name = "BUP Göteborg", Identifier = "SE2321000-0002-BUP" };
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = curator, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = bup } }, Ct);
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = curator, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit } }, Ct);

        var meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(10)) with
        {
            Form = MeetingForm.Digital, Place = null, DigitalLink = new Uri("https://mote.example.se/sip/4711"),
            LongTermGoal = "Att gå till skolan varje dag och ha en kompis",
        };
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = curator, Meeting = meeting }, Ct);
        var summoned = (await w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = curator }, Ct)).Case;
        summoned.SummonsSent.Single().Called.Should().HaveCount(3).And.Contain(school.Case.Participants.Single().Id);

        s.Time.Advance(TimeSpan.FromDays(10));
        var schoolId = school.Case.Participants.Single().Id;
        var complete = SipTestData.CompletePlan(id, s.Time.GetUtcNow().AddDays(60));
        var plan = complete with
        {
            Actor = curator,
            Plan = complete.Plan with
            {
                Interventions =
                [
                    new Intervention { Id = InterventionId.New(), What = "Anpassad studiegång och resurs i klassrummet", Responsible = ResponsibleKind.Municipality,
                        PerformedBy = schoolId, When = "varje skoldag", Where = "Centralskolan" },
                    new Intervention { Id = InterventionId.New(), What = "Samtalsstöd", Responsible = ResponsibleKind.Region, When = "varannan vecka", Where = "BUP Göteborg" },
                    new Intervention { Id = InterventionId.New(), What = "Föräldrastöd i grupp", Responsible = ResponsibleKind.Municipality, When = "tisdagar kl. 18", Where = "Familjecentralen" },
                ],
                NoActionsByOthers = true,
            },
        };
        var established = await w.EstablishPlanAsync(plan, Ct);
        established.Case.State.Should().Be(SipState.PlanEstablished);

        s.Time.Advance(TimeSpan.FromDays(60));
        await w.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = id,
            Actor = curator,
            FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Familjen flyttar; målen behöver göras om.", NewInformation = "Ny skola från hösten." },
        }, Ct);
        var closed = await w.CloseAndRestartAsync(new CloseAndRestart { CaseId = id, Actor = SipTestData.LeadUnitWorker }, Ct);
        closed.Case.Closure!.RestartRequested.Should().BeTrue();
        closed.Case.Closure.Reason.Should().Be(ClosureReason.LongTermGoalChanged);

        // The restart opens nothing by itself: a new case, linked to the old, needs new consent before anything happens.
        var restarted = (await w.OpenCaseAsync(new OpenCase
        {
            Actor = curator, Individual = SipTestData.ChildWithTwoGuardians(), Origin = CaseOrigin.School(), IdentifiedBy = PrincipalKind.Municipality,
            PreviousCaseId = id,
        }, Ct)).Case;
        restarted.PreviousCaseId.Should().Be(id);
        restarted.Consents.Should().BeEmpty();
        await s.ExpectUnmetAsync(restarted.Id, "CONSENT-INFORMATION-SHARING",
            () => w.StartPreparationAsync(new StartPreparation { CaseId = restarted.Id, Actor = curator }, Ct));
    }
}
