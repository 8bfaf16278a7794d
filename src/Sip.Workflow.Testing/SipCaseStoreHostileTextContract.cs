using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The text promises of an <see cref="ISipCaseStore"/>: whatever a host may lawfully write (SQL metacharacters, any
/// script, text at every length limit, line breaks) is stored and found verbatim and does nothing else; an event a
/// store could not keep faithfully (a NUL character, a malformed hash) is refused whole with an
/// <see cref="ArgumentException"/> naming the member.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreHostileText() : SipCaseStoreHostileTextContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreHostileTextContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreHostileTextContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    /// <summary>Subject references and free text with SQL metacharacters or mixed scripts are stored, read and queried verbatim, and drop or delete nothing.</summary>
    /// <param name="text">The text a host writes.</param>
    /// <returns>The test.</returns>
    [Theory]
    [InlineData("'; DROP TABLE sip_cases; --")]
    [InlineData("Robert\"); DELETE FROM sip_events WHERE (\"1\" = \"1")]
    [InlineData("Ω Ärende 東京 مرحبا Привет 👩‍⚕️")]
    [InlineData("%_\\ LIKE ' OR 1=1")]
    [InlineData("$1 :name @p0 ? {0} ${x}")]
    public async Task Text_with_sql_metacharacters_or_mixed_scripts_is_stored_and_found_verbatim(string text)
    {
        var scenario = new ContractScenario(CreateStore());
        var bystander = await scenario.OpenAsync(ContractData.Adult("bystander"));
        var c = await scenario.OpenAsync(ContractData.Adult(text));
        await scenario.Workflow.RecordDeviationAsync(
            new RecordDeviation { CaseId = c.Id, Actor = scenario.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = text } },
            Ct);
        var reader = CreateReader(scenario.Store);

        var read = await reader.GetAsync(c.Id, Ct);
        var found = await reader.QueryAsync(new SipCaseQuery { Subject = new SubjectReference(text) }, Ct);
        var all = await reader.QueryAsync(new SipCaseQuery(), Ct);

        Assert.Equal(text, read!.Individual.Reference.Value);
        Assert.Equal(text, Assert.Single(read.Deviations).Description);
        Assert.Equal(c.Id, Assert.Single(found.Cases).Id);
        Assert.Equal(new[] { bystander.Id, c.Id }.ToHashSet(), all.Cases.Select(x => x.Id).ToHashSet());
        Assert.Equal(2, (await reader.GetHistoryAsync(c.Id, Ct)).Count);
    }

    /// <summary>
    /// Text at every length limit, counted in UTF-16 code units and made of characters outside the Basic Multilingual
    /// Plane, combining marks and line breaks, reads back whole: nothing truncated, normalised or re-encoded.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Text_at_every_length_limit_is_stored_whole()
    {
        // A surrogate pair, a decomposed Å (A + combining ring, which normalisation would fold) and a line break.
        static string Exactly(int length)
        {
            const string Unit = "𝄞A\u030A\n";
            var text = string.Concat(Enumerable.Repeat(Unit, length / Unit.Length)) + new string('x', length % Unit.Length);
            return text.TrimEnd('\n').PadRight(length, 'x');
        }

        var scenario = new ContractScenario(CreateStore());
        var subject = new string('s', SipLimits.SubjectReferenceMaxLength - 2) + "𝄞";
        var c = await scenario.OpenAsync(ContractData.Adult(subject));
        var longText = Exactly(SipLimits.LongTextMaxLength);
        await scenario.Workflow.RecordDeviationAsync(
            new RecordDeviation { CaseId = c.Id, Actor = scenario.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = longText } },
            Ct);

        var read = await CreateReader(scenario.Store).GetAsync(c.Id, Ct);

        Assert.Equal(subject, read!.Individual.Reference.Value);
        Assert.Equal(longText, Assert.Single(read.Deviations).Description);
        Assert.Equal(SipLimits.LongTextMaxLength, read.Deviations[0].Description.Length);
    }

    /// <summary>
    /// An event with a NUL character in its details, or a hash that is not lowercase SHA-256 hex, is refused with an
    /// <see cref="ArgumentException"/> naming <c>Details</c> or <c>Hash</c>, and neither the case nor the event is written.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task An_event_with_text_no_store_could_keep_is_refused_and_nothing_is_written()
    {
        var store = CreateStore();
        var c = ContractData.NewCase();
        var nul = ContractData.Event(c) with { Details = new Dictionary<string, string> { ["note"] = "noll\0tecken" } };
        var badHash = ContractData.Event(c) with { Hash = "not-a-hash" };

        var withNul = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(c, nul, Ct));
        var withBadHash = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(c, badHash, Ct));

        Assert.Equal("Details", withNul.ParamName);
        Assert.Equal("Hash", withBadHash.ParamName);
        Assert.Null(await store.GetAsync(c.Id, Ct));
        Assert.Empty(await store.GetHistoryAsync(c.Id, Ct));
    }
}
