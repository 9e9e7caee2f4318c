using Kamino.Accounts;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// The rest of the demo's account teams, so that every demo role signs in to a full "My accounts" and "My tasks": the
/// Director sits on the pizza chain's team (direction) with a task of their own, the Collaborator joins Rayo's team
/// (marketing) with the artwork for its boxes, and the Viewer follows Rayo (communication); a Viewer is read-only, so
/// no task is given to them, but they see the tasks of their account's team. The owners and the Collaborator's place
/// on the pizza chain's team are set by <see cref="DemoActivities"/>. Made through the library, once, with the activities.
/// </summary>
internal static class DemoTeams
{
    private static readonly (DemoText Title, DemoText Description) DirectorTask = (
        T("Revisar las condiciones del contrato de verano antes de la firma", "Review the summer contract terms before it is signed"),
        T("Diez motos más desde junio: comprobar el descuento y el plazo de pago.", "Ten more motorbikes from June: check the discount and the payment terms."));

    private static readonly (DemoText Title, DemoText Description) CollaboratorTask = (
        T("Diseñar nuestro logotipo para las cajas de reparto de Rayo", "Design our logo for Rayo's delivery boxes"),
        T("Quinientas cajas; enviar dos propuestas a su jefa de reparto.", "Five hundred boxes; send two proposals to their dispatch lead."));

    public static async Task AddAsync(KaminoDb db, int workspaceId, IReadOnlyDictionary<Role, string> people, bool spanish, TimeProvider clock, CancellationToken ct)
    {
        var ids = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var director = people[Role.Director];
        if (ids.TryGetValue(DemoData.PizzaChainCustomerId, out var pizza))
        {
            await DemoDecisions.Check(AccountTeams.SetMemberAsync(db, workspaceId, pizza, director, Department.Direction, null, clock, ct));
            await DemoAlerts.TaskAsync(db, workspaceId, new NewTask(DirectorTask.Title.In(spanish), director, today.AddDays(3), DirectorTask.Description.In(spanish), pizza,
                Department.Direction), director, clock, ct);
        }

        if (ids.TryGetValue("CLI-0002", out var rayo))
        {
            await DemoDecisions.Check(AccountTeams.SetMemberAsync(db, workspaceId, rayo, people[Role.Collaborator], Department.Marketing, null, clock, ct));
            await DemoDecisions.Check(AccountTeams.SetMemberAsync(db, workspaceId, rayo, people[Role.Viewer], Department.Communication, null, clock, ct));
            await DemoAlerts.TaskAsync(db, workspaceId, new NewTask(CollaboratorTask.Title.In(spanish), people[Role.Collaborator], today.AddDays(12),
                CollaboratorTask.Description.In(spanish), rayo, Department.Marketing), director, clock, ct);
        }
    }
}
