using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Cases;

/// <summary>Where the need was identified, as the caseworker chooses it (the two discharge notices are two choices).</summary>
internal enum NewCaseOrigin
{
    Outpatient,
    AdmissionNotice,
    ReadyForDischargeNotice,
    School,
    SocialServices,
}

internal sealed class NewCaseInput
{
    public string? Person { get; set; }

    public NewCaseOrigin Origin { get; set; } = NewCaseOrigin.Outpatient;

    /// <summary>When the admission or ready-for-discharge notice came (<c>AdmittedAt</c> / <c>ReadyForDischargeAt</c>).</summary>
    public string? NoticeAt { get; set; }

    public PrincipalKind IdentifiedBy { get; set; } = PrincipalKind.Region;

    public string? IdentifyingUnit { get; set; }

    public SipRequester RequestedBy { get; set; } = SipRequester.Staff;

    public string? Policy { get; set; }
}

/// <summary>Opens a case — the need is identified (<i>upptäck behov</i>) — for a person in the host's record.</summary>
internal sealed class NewModel(ISipWorkflow workflow, TimeProvider time) : FormPageModel<NewCaseInput>
{
    public IEnumerable<SelectListItem> People
        => [new(T.S("Välj person", "Choose a person"), string.Empty), .. DemoRegister.People.Select(p => new SelectListItem(
            $"{p.Name}, {p.Age} {T.S("år", "years")}{(p.HasProtectedIdentity ? T.S(" (skyddade personuppgifter)", " (protected identity)") : string.Empty)}", p.Reference))];

    public IEnumerable<SelectListItem> Origins =>
    [
        new(T.S("Öppenvård", "Outpatient care"), nameof(NewCaseOrigin.Outpatient)),
        new(T.S("Inskrivningsmeddelande från slutenvården", "Admission notice from inpatient care"), nameof(NewCaseOrigin.AdmissionNotice)),
        new(T.S("Underrättelse om utskrivningsklar", "Ready-for-discharge notice"), nameof(NewCaseOrigin.ReadyForDischargeNotice)),
        new(T.S("Skola och elevhälsa", "School and student health"), nameof(NewCaseOrigin.School)),
        new(T.S("Socialtjänst", "Social services"), nameof(NewCaseOrigin.SocialServices)),
    ];

    public IEnumerable<SelectListItem> Principals => Enum.GetValues<PrincipalKind>().Select(p => new SelectListItem(T.Principal(p), p.ToString()));

    public IEnumerable<SelectListItem> Requesters =>
    [
        new(T.S("Personal, efter egen bedömning", "Staff, on their own judgement"), nameof(SipRequester.Staff)),
        new(T.S("Den enskilde", "The individual"), nameof(SipRequester.Individual)),
        new(T.S("Närstående", "Next of kin"), nameof(SipRequester.NextOfKin)),
        new(T.S("Annan aktör", "Another actor"), nameof(SipRequester.OtherActor)),
    ];

    public IEnumerable<SelectListItem> Policies => workflow.Policies.Select(p => new SelectListItem(p.Name, p.Name));

    public void OnGet(string? person)
    {
        FormId = Guid.NewGuid();
        Input.Person = person;
        Input.Policy = workflow.Policies[0].Name;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Build() is { } command)
            {
                var opened = await workflow.OpenCaseAsync(command, cancellationToken);
                return Redirect($"/arenden/{opened.Case.Id}?sparat=opened#sparat");
            }
        }
        catch (ArgumentException e)
        {
            Refuse(e);
        }
        catch (SipWorkflowException e)
        {
            Refuse(e);
        }

        return Page();
    }

    protected override string? FieldFor(string paramName) => paramName.Split('.')[^1] switch
    {
        "AdmittedAt" or "ReadyForDischargeAt" => nameof(NewCaseInput.NoticeAt),
        "Individual" or "reference" => nameof(NewCaseInput.Person),
        "Name" or "Identifier" => nameof(NewCaseInput.IdentifyingUnit),
        _ => base.FieldFor(paramName),
    };

    private OpenCase? Build()
    {
        var person = DemoRegister.Find(Input.Person ?? string.Empty);
        if (person is null)
        {
            Error(nameof(Input.Person), "Välj vem ärendet gäller.", "Choose whom the case is for.");
        }

        var discharge = Input.Origin is NewCaseOrigin.AdmissionNotice or NewCaseOrigin.ReadyForDischargeNotice;
        var noticeAt = discharge ? Time(Input.NoticeAt, nameof(Input.NoticeAt)) : null;
        if (!discharge && Text(Input.NoticeAt) is not null)
        {
            Error(nameof(Input.NoticeAt), "Tidpunkten gäller bara in- och utskrivning; lämna fältet tomt.",
                "The time is for admission and discharge only; leave it empty.");
        }

        if (!ModelState.IsValid || person is null)
        {
            return null;
        }

        var origin = Input.Origin switch
        {
            NewCaseOrigin.AdmissionNotice => CaseOrigin.InpatientAdmission(noticeAt!.Value),
            NewCaseOrigin.ReadyForDischargeNotice => CaseOrigin.InpatientDischarge(noticeAt!.Value),
            NewCaseOrigin.School => CaseOrigin.School(),
            NewCaseOrigin.SocialServices => CaseOrigin.SocialServices(),
            _ => CaseOrigin.Outpatient(),
        };
        var unit = Text(Input.IdentifyingUnit);
        return new OpenCase
        {
            // The case id comes from the form: sending the same form twice opens one case, not two.
            CaseId = FormIds.Derive<SipCaseId>(FormId, "case"),
            CommandId = CommandId,
            Actor = Actor,
            Individual = person.ToIndividual(SipLegalReferences.SwedishDateOf(time.GetUtcNow())),
            Origin = origin with { RequestedBy = Input.RequestedBy },
            IdentifiedBy = Input.IdentifiedBy,
            IdentifyingUnit = unit is null ? null : new OrganisationReference { Name = unit, Identifier = DemoUnits.IdentifierOf(unit) },
            Policy = Text(Input.Policy),
        };
    }
}
