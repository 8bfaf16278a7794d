using Sip.Workflow.InMemory;

namespace Sip.Workflow.Tests.Documentation;

/// <summary>The README's quick start, compiled and run; <see cref="ReadmeTests"/> checks the README still shows this code.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task The_readme_quick_start_follows_a_discharge_and_shows_the_deadline_the_refusal_and_the_checklist()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            await QuickStart();
        }
        finally
        {
            Console.SetOut(console);
        }

        var text = output.ToString();
        text.Should().Contain("DEADLINE-DISCHARGE-SUMMONS: ");
        text.Should().Contain("CONSENT-INFORMATION-SHARING: Den enskilde");
        text.Should().Contain("AddParticipant: ok");
        text.Should().Contain("SendSummons: SUMMONS-BOTH-PRINCIPALS; SUMMONS-MEETING\n");
    }

#pragma warning disable IDE0011, CA1305 // kept exactly as the README shows it
    private static async Task QuickStart()
    {
        // README:BEGIN
        var workflow = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland });

        // The fixed care contact (fast vårdkontakt) works in region-financed outpatient care, not on the ward.
        var nurse = new SipActor { UserId = "hsa-vcs-123", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" };
        var primaryCare = new OrganisationReference { Name = "Vårdcentralen Söder", Identifier = "SE2321000-0001-VCS" };

        // The admission notice (inskrivningsmeddelande) arrives: the case opens before anyone is ready for discharge.
        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = nurse,
            Individual = new Individual { Reference = new SubjectReference("patient-7f3a") }, // your key, never a personnummer
            Origin = CaseOrigin.InpatientAdmission(admittedAt: DateTimeOffset.UtcNow.AddDays(-2)),
            IdentifiedBy = PrincipalKind.Region,
        });
        var caseId = opened.Case.Id;
        await workflow.AppointFixedCareContactAsync(new AppointFixedCareContact
        {
            CaseId = caseId,
            Actor = nurse,
            FixedCareContact = new FixedCareContact { Unit = primaryCare, Person = new ContactPerson { Name = "Eva Berg", Title = "distriktssköterska" } },
        });

        // The ward reports the patient ready for discharge: the summons is due within three days (lag (2017:612)),
        // counted in Swedish calendar days, a weekend or holiday moving the last day to the next weekday. The case carries
        // every deadline still open, as the engine sealed it with the step.
        var ready = await workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = caseId, Actor = nurse, NotifiedAt = DateTimeOffset.UtcNow });
        foreach (var deadline in ready.Case.OpenDeadlines!)
            Console.WriteLine($"{deadline.Requirement.Code}: {deadline.DueAt:yyyy-MM-dd HH:mm} UTC");

        try
        {
            await workflow.StartPreparationAsync(new StartPreparation { CaseId = caseId, Actor = nurse });
        }
        catch (SipRequirementsNotMetException refused)
        {
            // CONSENT-INFORMATION-SHARING: Den enskilde (eller ombud med fullmakt; för barn vårdnadshavare, …) har samtyckt till
            // informationsöverföring mellan parterna [12 kap. 2 § offentlighets- och sekretesslagen (2009:400); …;
            // 10 kap. 8 § socialtjänstlagen (2025:400)] — the law in force on the day of the refusal
            foreach (var unmet in refused.UnmetRequirements) Console.WriteLine($"{unmet.Code}: {unmet.Text}");
        }

        await workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = caseId,
            Actor = nurse,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = DateTimeOffset.UtcNow },
        });
        await workflow.StartPreparationAsync(new StartPreparation { CaseId = caseId, Actor = nurse });

        // What the nurse may do next, as a checklist for your UI:
        foreach (var action in await workflow.ReadPermittedActionsAsync(caseId, nurse))
            Console.WriteLine($"{action.Trigger}: {(action.IsPermitted ? "ok" : string.Join("; ", action.UnmetRequirements.Select(u => u.Code)))}");
        // README:END
    }
#pragma warning restore IDE0011, CA1305
}
