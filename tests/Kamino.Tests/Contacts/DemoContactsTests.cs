using Kamino.Contacts;
using Kamino.Demo;
using Kamino.Tests.Demo;

namespace Kamino.Tests.Contacts;

/// <summary>The people at the demo's key accounts, as <c>serve --demo</c> shows them.</summary>
public sealed class DemoContactsTests(DemoDataTests.DemoDatabase demo) : IClassFixture<DemoDataTests.DemoDatabase>
{
    [Fact]
    public async Task Demo_KeyAccountsHaveContacts_OnePrimaryEach_ExampleAddressesOnly()
    {
        await using var db = demo.Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var keyAccounts = await db.Customers.Where(c => c.WorkspaceId == ws && c.IsKeyAccount).Select(c => new { c.Id, c.Key }).ToListAsync();

        Assert.NotEmpty(keyAccounts);
        foreach (var account in keyAccounts)
        {
            var contacts = await CustomerContacts.ListAsync(db, ws, account.Id);
            Assert.True(contacts.Count > 0, $"{account.Key} has no contacts");
            Assert.Single(contacts, c => c.IsPrimary);
            Assert.All(contacts, c => Assert.Empty(ContactRules.Problems(new ContactFields(c.Name, c.Title, c.Email, c.Phone, c.Role, c.Influence, c.Strength, c.Notes))));
            Assert.All(contacts.Where(c => c.Email is not null), c => Assert.EndsWith("@example.com", c.Email, StringComparison.Ordinal));
        }

        Assert.Contains(await CustomerContacts.ListAsync(db, ws, keyAccounts.Single(a => a.Key == DemoData.PizzaChainCustomerId).Id), c => c.Role == ContactRole.DecisionMaker);
    }
}
