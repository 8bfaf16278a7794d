using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class InterventionRow
{
    public string? What { get; set; }

    public ResponsibleKind Responsible { get; set; } = ResponsibleKind.Municipality;

    public Guid? PerformedBy { get; set; }

    public string? When { get; set; }

    public string? Where { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(When) && string.IsNullOrWhiteSpace(Where);
}

internal sealed class PlanInput
{
    public Guid? LeadPrincipal { get; set; }

    public string? CoordinatorName { get; set; }

    public string? CoordinatorTitle { get; set; }

    public string? CoordinatorContact { get; set; }

    public string? FollowUpAt { get; set; }

    public string? FollowUpPlace { get; set; }

    public string? WhatMattersToIndividual { get; set; }

    public string Participated { get; set; } = "true";

    public ParticipationMode Mode { get; set; } = ParticipationMode.InPerson;

    public string? ReasonNotParticipating { get; set; }

    public string Kin { get; set; } = "none";

    public List<string?> Needs { get; set; } = [null, null];

    public string? LongTermGoal { get; set; }

    public List<string?> ShortTermGoals { get; set; } = [null, null];

    public List<InterventionRow> Interventions { get; set; } = [new(), new(), new(), new()];

    public bool NoActionsByOthers { get; set; }

    public bool NoInterventionsFromMunicipality { get; set; }

    public bool NoInterventionsFromRegion { get; set; }
}

/// <summary>
/// Establishes the plan at the SIP meeting (<i>upprätta SIP</i>), or revises it after a follow-up: what matters to the
/// individual, needs, long- and short-term goals, who does what, when and where, the lead principal and coordinator,
/// and the follow-up booked before the meeting ends. The library checks the statutory minimum and the agreement's rules.
/// </summary>
internal sealed class PlanModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<PlanInput>(workflow, time)
{
    public override SipTrigger Trigger => View.Case.State == SipState.FollowUp ? SipTrigger.RevisePlan : SipTrigger.EstablishPlan;

    public IEnumerable<SelectListItem> LeadUnits
        => [new(T.S("Välj enhet", "Choose a unit"), string.Empty),
            .. Case.CalledPrincipals.Where(p => p.Principal is not null)
                .Select(p => new SelectListItem($"{T.Principal(p.Principal!.Value)}: {p.Organisation.Name}", p.Id.Value.ToString()))];

    public IEnumerable<SelectListItem> Performers
        => [new(T.S("Ingen särskild", "No one in particular"), string.Empty),
            .. Case.ActiveParticipants.Select(p => new SelectListItem(p.Organisation.Name, p.Id.Value.ToString()))];

    public IEnumerable<SelectListItem> Responsibles => Enum.GetValues<ResponsibleKind>().Select(r => new SelectListItem(T.Responsible(r), r.ToString()));

    public IEnumerable<SelectListItem> Modes => Enum.GetValues<ParticipationMode>().Select(m => new SelectListItem(T.Mode(m), m.ToString()));

    public IEnumerable<SelectListItem> YesNo => [new(T.S("Ja", "Yes"), "true"), new(T.S("Nej", "No"), "false")];

    public IEnumerable<SelectListItem> KinOptions =>
    [
        new(T.S("Inga närstående erbjöds att delta", "No next of kin were offered to take part"), "none"),
        new(T.S("Närstående deltog (lämpligt, den enskilde motsätter sig inte)", "Next of kin took part (suitable, the individual does not object)"), "participated"),
        new(T.S("Närstående erbjöds men deltog inte", "Next of kin were offered but did not take part"), "offered"),
    ];

    protected override void Defaults()
    {
        var plan = Case.Plan;
        if (Case.LeadPrincipal is { } lead)
        {
            Input.LeadPrincipal = Case.CalledPrincipals.FirstOrDefault(p => p.Principal == lead.Principal && p.Organisation == lead.Organisation)?.Id.Value;
            Input.CoordinatorName = lead.Coordinator?.Name;
            Input.CoordinatorTitle = lead.Coordinator?.Title;
            Input.CoordinatorContact = lead.Coordinator?.ContactDetails;
        }

        Input.LongTermGoal = plan?.Goals.FirstOrDefault(g => g.Horizon == GoalHorizon.LongTerm)?.Text ?? Case.PlanMeeting?.LongTermGoal;
        if (plan is null)
        {
            return;
        }

        // A revision starts from the plan in force.
        Input.WhatMattersToIndividual = plan.WhatMattersToIndividual;
        Input.Needs = [.. plan.Needs.Select(n => (string?)n.Text).Concat([null, null]).Take(Math.Max(2, plan.Needs.Count))];
        Input.ShortTermGoals = [.. plan.Goals.Where(g => g.Horizon == GoalHorizon.ShortTerm).Select(g => (string?)g.Text).Concat([null, null]).Take(2)];
        Input.Interventions = [.. plan.Interventions.Select(i => new InterventionRow
        {
            What = i.What, Responsible = i.Responsible, PerformedBy = i.PerformedBy?.Value, When = i.When, Where = i.Where,
        }).Concat(Enumerable.Range(0, 4).Select(_ => new InterventionRow())).Take(Math.Max(4, plan.Interventions.Count + 1))];
        Input.NoActionsByOthers = plan.NoActionsByOthers;
    }

    protected override string? FieldFor(string paramName) => paramName.Split('.')[^1] switch
    {
        "At" => nameof(PlanInput.FollowUpAt),
        "Place" => nameof(PlanInput.FollowUpPlace),
        "Coordinator" => nameof(PlanInput.CoordinatorName),
        _ => base.FieldFor(paramName),
    };

    protected override SipCaseCommand? Build()
    {
        var lead = Input.LeadPrincipal is { } leadId ? Case.FindParticipant(new ParticipantId(leadId)) : null;
        var followUpAt = Time(Input.FollowUpAt, nameof(Input.FollowUpAt), required: false);
        var followUpPlace = Text(Input.FollowUpPlace);
        if ((followUpAt is null) != (followUpPlace is null) && ModelState.IsValid)
        {
            Error(followUpAt is null ? nameof(Input.FollowUpAt) : nameof(Input.FollowUpPlace),
                "Ange både datum och plats för uppföljningen.", "Give both the date and the place of the follow-up.");
        }

        for (var i = 0; i < Input.Interventions.Count; i++)
        {
            if (Input.Interventions[i] is { IsEmpty: false, What: var what } && string.IsNullOrWhiteSpace(what))
            {
                Error($"{nameof(Input.Interventions)}[{i}].{nameof(InterventionRow.What)}", "Ange vad insatsen är.", "Say what the intervention is.");
            }
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        // Ids come from the form: the same form sent twice is the same plan, and is applied once.
        var needs = Input.Needs.Select(Text).Where(n => n is not null)
            .Select((text, i) => new Need { Id = FormIds.Derive<NeedId>(FormId, "need", i), Text = text! }).ToList();
        var goals = new List<Goal>();
        if (Text(Input.LongTermGoal) is { } longTerm)
        {
            goals.Add(new Goal { Id = FormIds.Derive<GoalId>(FormId, "goal"), Horizon = GoalHorizon.LongTerm, Text = longTerm, NeedId = needs.FirstOrDefault()?.Id });
        }

        goals.AddRange(Input.ShortTermGoals.Select(Text).Where(g => g is not null).Select((text, i) => new Goal
        {
            Id = FormIds.Derive<GoalId>(FormId, "goal", i + 1), Horizon = GoalHorizon.ShortTerm, Text = text!, NeedId = needs.FirstOrDefault()?.Id,
        }));
        var interventions = Input.Interventions.Where(r => !r.IsEmpty).Select((row, i) => new Intervention
        {
            Id = FormIds.Derive<InterventionId>(FormId, "intervention", i),
            What = row.What!.Trim(),
            Responsible = row.Responsible,
            PerformedBy = row.PerformedBy is { } by && by != Guid.Empty ? new ParticipantId(by) : null,
            When = Text(row.When),
            Where = Text(row.Where),
        }).ToList();
        var participated = Input.Participated == "true";
        var plan = new SipPlan
        {
            Needs = needs,
            Goals = goals,
            Interventions = interventions,
            NoActionsByOthers = Input.NoActionsByOthers,
            NoInterventionsFrom = [.. (Input.NoInterventionsFromMunicipality ? [PrincipalKind.Municipality] : Array.Empty<PrincipalKind>()),
                .. Input.NoInterventionsFromRegion ? [PrincipalKind.Region] : Array.Empty<PrincipalKind>()],
            WhatMattersToIndividual = Text(Input.WhatMattersToIndividual),
            IndividualParticipation = new IndividualParticipation
            {
                Participated = participated,
                Mode = participated ? Input.Mode : null,
                ReasonNotParticipating = participated ? null : Text(Input.ReasonNotParticipating),
            },
            KinParticipation = Input.Kin switch
            {
                "participated" => new KinParticipation { Participated = true, Offered = true, JudgedSuitable = true },
                "offered" => new KinParticipation { Participated = false, Offered = true, JudgedSuitable = true },
                _ => null,
            },
        };
        var leadPrincipal = lead?.Principal is { } principal
            ? new LeadPrincipal
            {
                Principal = principal,
                Organisation = lead.Organisation,
                Coordinator = Text(Input.CoordinatorName) is { } coordinator
                    ? new ContactPerson { Name = coordinator, Title = Text(Input.CoordinatorTitle), ContactDetails = Text(Input.CoordinatorContact) }
                    : null,
            }
            : null;
        var booking = followUpAt is { } at ? new FollowUpBooking { At = at, Place = followUpPlace! } : null;
        return Trigger == SipTrigger.RevisePlan
            ? new RevisePlan { CaseId = Case.Id, Actor = Actor, Plan = plan, LeadPrincipal = leadPrincipal, FollowUpBooking = booking }
            : new EstablishPlan { CaseId = Case.Id, Actor = Actor, Plan = plan, LeadPrincipal = leadPrincipal, FollowUpBooking = booking };
    }
}
