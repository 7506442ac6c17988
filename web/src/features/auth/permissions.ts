/**
 * The permission codes `can` accepts: the platform's one list, from contracts (each module declares its codes there;
 * a server test checks the server's labelled definitions against it).
 */
export { PERMISSIONS, type Permission } from '@gearbridge/contracts/permissions';
