using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class ReadyForDischargeInput
{
    public string? NotifiedAt { get; set; }
}

/// <summary>The ward's notice that the patient is ready for discharge: the three days to the summons run from it (lag (2017:612)).</summary>
internal sealed class ReadyForDischargeModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<ReadyForDischargeInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.RecordReadyForDischarge;

    protected override void Defaults() => Input.NotifiedAt = SwedishTime.InputValue(Now);

    protected override SipCaseCommand? Build()
        => Time(Input.NotifiedAt, nameof(Input.NotifiedAt)) is { } at
            ? new RecordReadyForDischarge { CaseId = Case.Id, Actor = Actor, NotifiedAt = at }
            : null;
}

internal sealed class FixedCareContactInput
{
    public string? Unit { get; set; }

    public string? Name { get; set; }

    public string? Title { get; set; }

    public string? ContactDetails { get; set; }
}

/// <summary>The fixed care contact (<i>fast vårdkontakt</i>) outpatient care appoints on the admission notice: the one who summons.</summary>
internal sealed class FixedCareContactModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<FixedCareContactInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.AppointFixedCareContact;

    protected override void Defaults() => Input.Unit = DemoUnits.PrimaryCare.Name;

    protected override string? FieldFor(string paramName) => paramName.Split('.')[^1] switch
    {
        "FixedCareContact" or "Person" => nameof(FixedCareContactInput.Name),
        _ => base.FieldFor(paramName),
    };

    protected override SipCaseCommand? Build()
    {
        var unit = Required(Input.Unit, nameof(Input.Unit), "Ange vårdcentral eller mottagning.", "Give the outpatient unit.");
        var name = Required(Input.Name, nameof(Input.Name), "Ange vem som är fast vårdkontakt.", "Give the fixed care contact's name.");
        return unit is null || name is null
            ? null
            : new AppointFixedCareContact
            {
                CaseId = Case.Id,
                Actor = Actor,
                FixedCareContact = new FixedCareContact
                {
                    Unit = new OrganisationReference { Name = unit, Identifier = DemoUnits.IdentifierOf(unit) },
                    Person = new ContactPerson { Name = name, Title = Text(Input.Title), ContactDetails = Text(Input.ContactDetails) },
                },
            };
    }
}

internal sealed class DischargeInput
{
    public string? DischargedAt { get; set; }

    public string? InformationTransferredAt { get; set; }
}

/// <summary>The discharge, and when the information needed after it reached the municipality and outpatient care.</summary>
internal sealed class DischargeModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<DischargeInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.RecordDischarge;

    protected override void Defaults() => Input.DischargedAt = SwedishTime.InputValue(Now);

    protected override SipCaseCommand? Build()
    {
        var discharged = Time(Input.DischargedAt, nameof(Input.DischargedAt));
        var transferred = Time(Input.InformationTransferredAt, nameof(Input.InformationTransferredAt), required: false);
        return discharged is { } at && ModelState.IsValid
            ? new RecordDischarge { CaseId = Case.Id, Actor = Actor, DischargedAt = at, InformationTransferredAt = transferred }
            : null;
    }
}
