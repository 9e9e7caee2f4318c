namespace Kamino.People;

/// <summary>Things a member may be allowed to do in a workspace. The matrix is in docs/permissions.md.</summary>
public enum Permission
{
    /// <summary>See the workspace: analyses, customers, key accounts, teams, own tasks, audit.</summary>
    View,

    /// <summary>Import sales files.</summary>
    Import,

    /// <summary>Invite members, change roles and supervisors, remove members.</summary>
    ManageMembers,

    /// <summary>Designate a customer a key account or undesignate it.</summary>
    Designate,

    /// <summary>Set a key account's owner KAM and team (a Lead KAM: only accounts of KAMs they supervise).</summary>
    ManageAccountTeams,

    /// <summary>Create tasks and assign them to anyone in the workspace.</summary>
    CreateTasks,

    /// <summary>Reassign or close tasks of others (a Lead KAM: of the KAMs they supervise).</summary>
    ManageTeamTasks,

    /// <summary>Rate customers on the intangible criteria and record referrals (a KAM: accounts whose team they are on).</summary>
    Rate,

    /// <summary>Change the key-account settings: criteria and weights, α, thresholds, tiers.</summary>
    ManageSettings,

    /// <summary>
    /// Serve an account: log activities and check-ins, keep its contacts (a KAM or Collaborator: accounts whose team
    /// they are on; see <see cref="Permissions.MayServe"/>).
    /// </summary>
    ServeAccounts,

    /// <summary>
    /// Edit a key account's plan (situation, objectives): a Director any; a Lead KAM as for the team
    /// (<see cref="Accounts.AccountTeams.MayChangeTeam"/>); a KAM the accounts they own (see <see cref="Permissions.MayEditPlan"/>).
    /// </summary>
    EditPlans,

    /// <summary>
    /// Enter orders and move them along (start, fulfil, cancel): a Director or Lead KAM any customer's; a KAM the key
    /// accounts whose team they are on and customers that are not key accounts (see <see cref="Permissions.MayHandleOrders"/>).
    /// </summary>
    HandleOrders,

    /// <summary>
    /// Approve or reject an order whose discount is outside its tier's range: a Director any; a Lead KAM as for the team
    /// (<see cref="Accounts.AccountTeams.MayChangeTeam"/>); never one's own order (see <see cref="Permissions.MayApproveOrder"/>).
    /// </summary>
    ApproveDiscounts,
}

/// <summary>The role × permission matrix of PRODUCT.md §6, as a pure function.</summary>
public static class Permissions
{
    public static bool Allows(Role role, Permission permission) => permission switch
    {
        Permission.View => true,
        Permission.Import => role is Role.Director or Role.LeadKam,
        Permission.ManageMembers => role is Role.Director,
        Permission.Designate => role is Role.Director or Role.LeadKam,
        Permission.ManageAccountTeams => role is Role.Director or Role.LeadKam,
        Permission.CreateTasks => role is Role.Director or Role.LeadKam or Role.Kam,
        Permission.ManageTeamTasks => role is Role.Director or Role.LeadKam,
        Permission.Rate => role is Role.Director or Role.LeadKam or Role.Kam,
        Permission.ManageSettings => role is Role.Director,
        Permission.ServeAccounts => role is Role.Director or Role.LeadKam or Role.Kam or Role.Collaborator,
        Permission.EditPlans => role is Role.Director or Role.LeadKam or Role.Kam,
        Permission.HandleOrders => role is Role.Director or Role.LeadKam or Role.Kam,
        Permission.ApproveDiscounts => role is Role.Director or Role.LeadKam,
    };

    /// <summary>
    /// Whose rows of the workload per owner (<see cref="Accounts.Workload"/>) a member sees, under <see cref="Permission.View"/>:
    /// a Director or Lead KAM everyone's (they balance the team); anyone else only their own — a KAM their load, a Collaborator
    /// or Viewer none, since only a Director, Lead KAM or KAM may own a key account. The workspace totals are the same for all.
    /// </summary>
    public static bool SeesEveryonesWorkload(Role role) => role is Role.Director or Role.LeadKam;

    /// <summary>
    /// Whether a member may enter and move along one customer's orders (PRODUCT.md §6: a KAM handles the orders of their
    /// accounts): a Director or Lead KAM any customer's; a KAM the key accounts whose team they are on, and customers that
    /// are not key accounts (nobody owns those); a Collaborator or Viewer never.
    /// </summary>
    public static bool MayHandleOrders(Role role, bool isKeyAccount, bool onAccountTeam) =>
        Allows(role, Permission.HandleOrders) && (role is Role.Director or Role.LeadKam || !isKeyAccount || onAccountTeam);

    /// <summary>
    /// Whether a member may approve or reject one order's discount (issue 14): a Director any order; a Lead KAM the orders
    /// of accounts with no owner, their own accounts and those of the KAMs they supervise; nobody the order they entered.
    /// </summary>
    public static bool MayApproveOrder(Role role, string userId, Accounts.AccountOwner? owner, string? orderCreatedByUserId) =>
        Allows(role, Permission.ApproveDiscounts) && orderCreatedByUserId != userId && Accounts.AccountTeams.MayChangeTeam(role, userId, owner);

    /// <summary>
    /// Whether a member may edit one account's plan: the owner KAM, their Lead KAM and a Director (PRODUCT.md §6; issue
    /// 13). A Lead KAM as for the account's team (no owner yet, they own it, or a KAM they supervise owns it); a KAM
    /// only as the owner; the team's other members and everyone else read.
    /// </summary>
    public static bool MayEditPlan(Role role, string userId, Accounts.AccountOwner? owner) => role switch
    {
        Role.Director or Role.LeadKam => Accounts.AccountTeams.MayChangeTeam(role, userId, owner),
        Role.Kam => owner?.UserId == userId,
        Role.Collaborator or Role.Viewer => false,
    };

    /// <summary>
    /// Whether a member may serve one account (log activities and check-ins, keep contacts): a Director or Lead KAM
    /// any account; a KAM or Collaborator the accounts whose team they are on (owner or member); a Viewer never.
    /// </summary>
    public static bool MayServe(Role role, bool onAccountTeam) =>
        Allows(role, Permission.ServeAccounts) && (role is Role.Director or Role.LeadKam || onAccountTeam);
}
