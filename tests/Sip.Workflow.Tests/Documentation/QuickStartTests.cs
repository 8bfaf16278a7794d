using Sip.Workflow.InMemory;

namespace Sip.Workflow.Tests.Documentation;

/// <summary>The README's quick start, compiled and run; <see cref="ReadmeTests"/> checks the README still shows this code.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task The_readme_quick_start_runs_and_shows_the_refusal_and_the_checklist()
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
        text.Should().Contain("CONSENT-INFORMATION-SHARING: Den enskilde");
        text.Should().Contain("AddParticipant: ok");
        text.Should().Contain("SendSummons: SUMMONS-BOTH-PRINCIPALS; SUMMONS-MEETING\n");
    }

#pragma warning disable IDE0011, CA1305 // kept exactly as the README shows it
    private static async Task QuickStart()
    {
        // README:BEGIN
        var workflow = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland });
        var nurse = new SipActor { UserId = "hsa-123", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" };

        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = nurse,
            Individual = new Individual { Reference = new SubjectReference("patient-7f3a") }, // your key, never a personnummer
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
        });
        var caseId = opened.Case.Id;

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
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = DateTimeOffset.UtcNow },
        });
        await workflow.StartPreparationAsync(new StartPreparation { CaseId = caseId, Actor = nurse });

        // What may happen next, as a checklist for your UI:
        foreach (var action in await workflow.GetPermittedActionsAsync(caseId))
            Console.WriteLine($"{action.Trigger}: {(action.IsPermitted ? "ok" : string.Join("; ", action.UnmetRequirements.Select(u => u.Code)))}");
        // README:END
    }
#pragma warning restore IDE0011, CA1305
}
